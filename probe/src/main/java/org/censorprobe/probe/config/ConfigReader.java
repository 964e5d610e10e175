package org.censorprobe.probe.config;

import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.endpoint.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a {@link YamlNode} tree into a {@link ProbeConfig}, reporting every problem on its line. */
final class ConfigReader {
  static final List<String> ROOT_KEYS = List.of("probe", "timeouts", "schedule", "resolvers", "control", "tls", "dns",
      "limits", "classifier", "store", "upload", "platforms");
  static final List<String> PROBE_KEYS = List.of("id", "country", "network", "asn");
  static final List<String> TIMEOUT_KEYS = List.of("dns", "tcp", "tls", "http", "endpoint");
  static final List<String> CONTROL_KEYS = List.of("resolver", "sni", "helpers", "targets");
  static final List<String> CONTROL_TARGET_KEYS = List.of("url", "domestic", "expect");
  static final List<String> EXPECT_KEYS = List.of("status", "body");
  static final List<String> HELPER_KEYS = List.of("url", "token_file");
  static final List<String> TLS_KEYS = List.of("trust");
  static final List<String> DNS_KEYS = List.of("not_bogons");
  static final List<String> LIMIT_KEYS = List.of("concurrency", "body_bytes", "decompressed_bytes", "header_bytes",
      "redirects", "addresses_per_endpoint");
  static final List<String> CLASSIFIER_KEYS = List.of("throttle_ratio", "throttle_floor", "throttle_rounds",
      "fingerprints");
  static final List<String> PLATFORM_KEYS = List.of("name", "schedule", "endpoints");

  static final String DEFAULT_STORE = "data/censorprobe.db";
  /** Platform ids become metric label values and file names: keep them plain. */
  static final Pattern PLATFORM_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  static final Pattern PROBE_ID = Pattern.compile("[a-z0-9._-]{1,64}");
  static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
  static final Pattern DNS_NAME = Pattern.compile(
      "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  /** Measurements of controls carry this in their platform field (docs/measurement-format.md). */
  static final String RESERVED_PLATFORM_ID = "control";
  static final long MAX_SIZE = 1L << 30;

  private final Path source;
  private final Path baseDir;
  private final ProblemList problems;
  private final ProblemList warnings;
  // Where the witnesses were written, for the warnings of ControlIndependence.
  private final List<ControlIndependence.Sited<ResolverSpec>> resolverSites = new ArrayList<>();
  private ControlIndependence.Sited<ResolverSpec> controlResolverSite;
  private final List<ControlIndependence.Sited<ControlTarget>> targetSites = new ArrayList<>();
  private final SourceLines lines = new SourceLines();

  ConfigReader(Path source, ProblemList problems) {
    this(source, problems, new ProblemList(source.toString()));
  }

  /** {@code warnings} receives what a valid config shows of dependent controls (docs/configuration.md). */
  ConfigReader(Path source, ProblemList problems, ProblemList warnings) {
    this.source = source;
    Path parent = source.toAbsolutePath().getParent();
    this.baseDir = parent == null ? Path.of("") : parent;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** Where the values of the config {@link #read} returned were written. */
  SourceLines lines() {
    return lines;
  }

  /** The config, or null when the root is unusable; the caller checks {@code problems} either way. */
  ProbeConfig read(YamlNode root) {
    if (root == null) {
      problems.add(1, "empty config (expected a mapping with at least probe: and platforms:)");
      return null;
    }
    ConfigSection s = ConfigSection.of(root, "the config", problems, ROOT_KEYS);
    if (s == null) return null;
    ProbeIdentity probe = readProbe(s);
    Timeouts timeouts = readTimeouts(s.node("timeouts"));
    ScheduleSpec schedule = ScheduleReader.read(s.node("schedule"), "schedule", problems, ScheduleSpec.DEFAULT);
    List<ResolverSpec> resolvers = readResolvers(s);
    ControlConfig control = readControl(s.node("control"));
    List<Path> trust = readTrust(s.node("tls"));
    List<Cidr> notBogons = readNotBogons(s.node("dns"));
    Limits limits = readLimits(s.node("limits"));
    ClassifierSettings classifier = readClassifier(s.node("classifier"));
    OutboxConfigReader outbox = new OutboxConfigReader(baseDir, problems);
    OutboxConfigReader.Store store = outbox.readStore(s, DEFAULT_STORE);
    UploadSettings upload = outbox.readUpload(s.node("upload"));
    if (upload != null) lines.put(upload, s.node("upload").line());
    List<Platform> platforms = readPlatforms(s, schedule);
    if (problems.isEmpty()) {
      for (ControlIndependence.Warning w : ControlIndependence.check(controlResolverSite, resolverSites, targetSites,
          platforms)) {
        warnings.add(w.line(), w.message());
      }
    }
    return new ProbeConfig(source, probe, timeouts, schedule, resolvers, control, trust, notBogons, limits, classifier,
        store.path(), platforms, store.maxBytes(), upload);
  }

  private ProbeIdentity readProbe(ConfigSection root) {
    YamlNode node = root.node("probe");
    if (node == null) {
      problems.add(root.lineOf("probe"), "missing block 'probe' (expected probe: with at least id:)");
      return new ProbeIdentity("", "", "", 0);
    }
    ConfigSection s = ConfigSection.of(node, "probe", problems, PROBE_KEYS);
    if (s == null) return new ProbeIdentity("", "", "", 0);
    s.requirePresent("id", "the probe's id, e.g. kz-almaty-1");
    String id = s.string("id", "an id of a-z, 0-9, '.', '_', '-'");
    if (id != null && !PROBE_ID.matcher(id).matches()) {
      problems.add(s.node("id").line(), "probe.id '" + id + "' has characters outside a-z 0-9 . _ - or is longer"
          + " than 64 (expected e.g. kz-almaty-1)");
    }
    String country = s.string("country", "a two-letter ISO 3166 country code such as KZ");
    if (country != null && !COUNTRY.matcher(country).matches()) {
      problems.add(s.node("country").line(), "probe.country '" + country
          + "' is not a two-letter country code (expected an ISO 3166 alpha-2 code such as KZ)");
      country = null;
    }
    String network = s.string("network", "the network's name, e.g. Kazakhtelecom");
    int asn = readAsn(s);
    return new ProbeIdentity(id == null ? "" : id, country == null ? "" : country.toUpperCase(Locale.ROOT),
        network == null ? "" : network.strip(), asn);
  }

  private int readAsn(ConfigSection s) {
    YamlNode n = s.node("asn");
    if (n == null) return 0;
    String text = ConfigSection.scalarText(n, "probe.asn", "an AS number such as 9198 or AS9198", problems);
    if (text == null) return 0;
    String digits = text.strip().regionMatches(true, 0, "AS", 0, 2) ? text.strip().substring(2) : text.strip();
    try {
      long v = Long.parseLong(digits);
      if (v >= 1 && v <= Integer.MAX_VALUE) return (int) v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(n.line(), "probe.asn '" + text + "' is not an AS number (expected 1 to " + Integer.MAX_VALUE
        + ", e.g. 9198 or AS9198)");
    return 0;
  }

  private Timeouts readTimeouts(YamlNode node) {
    Timeouts d = Timeouts.DEFAULTS;
    if (node == null) return d;
    ConfigSection s = ConfigSection.of(node, "timeouts", problems, TIMEOUT_KEYS);
    if (s == null) return d;
    Duration dns = or(s.duration("dns", false), d.dns());
    Duration tcp = or(s.duration("tcp", false), d.tcp());
    Duration tls = or(s.duration("tls", false), d.tls());
    Duration http = or(s.duration("http", false), d.http());
    return new Timeouts(dns, tcp, tls, http, s.duration("endpoint", false)); // null: derived from the steps
  }

  private List<ResolverSpec> readResolvers(ConfigSection root) {
    List<ResolverSpec> out = new ArrayList<>();
    Map<URI, Integer> seen = new HashMap<>();
    List<YamlNode> items = root.list("resolvers", "resolver URIs: " + ResolverReader.EXPECTED);
    for (int i = 0; i < items.size(); i++) {
      ResolverSpec r = ResolverReader.read(items.get(i), "resolvers[" + i + "]", problems);
      if (r == null) continue;
      Integer first = seen.putIfAbsent(r.uri(), items.get(i).line());
      if (first != null) {
        problems.add(items.get(i).line(), "resolvers[" + i + "] '" + r.label() + "' is listed twice (first on line "
            + first + "; expected each resolver once)");
      } else {
        out.add(r);
        lines.put(r, items.get(i).line());
        resolverSites.add(new ControlIndependence.Sited<>(r, "resolvers[" + i + "]", items.get(i).line()));
      }
    }
    return out;
  }

  private ControlConfig readControl(YamlNode node) {
    ControlConfig none = new ControlConfig(null, null, List.of(), List.of());
    if (node == null) return none;
    ConfigSection s = ConfigSection.of(node, "control", problems, CONTROL_KEYS);
    if (s == null) return none;
    ResolverSpec resolver = s.node("resolver") == null ? null
        : ResolverReader.read(s.node("resolver"), "control.resolver", problems);
    if (resolver != null) {
      lines.put(resolver, s.node("resolver").line());
      controlResolverSite = new ControlIndependence.Sited<>(resolver, "control.resolver", s.node("resolver").line());
    }
    String sni = s.string("sni", "a DNS name such as example.org");
    if (sni != null && (!DNS_NAME.matcher(sni.strip()).matches() || IpLiterals.isLiteral(sni.strip()))) {
      problems.add(s.node("sni").line(), "control.sni '" + sni + "' is not a DNS name (expected a neutral server"
          + " name such as example.org; an IP address cannot be an SNI)");
      sni = null;
    }
    List<HelperSpec> helpers = new ArrayList<>();
    List<YamlNode> helperNodes = s.list("helpers", "URLs or {url: ..., token_file: ...}");
    for (int i = 0; i < helperNodes.size(); i++) {
      HelperSpec h = readHelper(helperNodes.get(i), "control.helpers[" + i + "]");
      if (h != null) helpers.add(h);
      lines.put(h, helperNodes.get(i).line());
    }
    List<ControlTarget> targets = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<YamlNode> targetNodes = s.list("targets", "endpoints or {url: ..., domestic: true}");
    for (int i = 0; i < targetNodes.size(); i++) {
      YamlNode item = targetNodes.get(i);
      ControlTarget t = readControlTarget(item, "control.targets[" + i + "]");
      if (t == null) continue;
      Integer first = seen.putIfAbsent(EndpointReader.identity(t.endpoint()), item.line());
      if (first != null) {
        problems.add(item.line(), "control.targets[" + i + "] '" + t.endpoint().spec() + "' duplicates the target on"
            + " line " + first + " (expected each control once)");
      } else {
        targets.add(t);
        lines.put(t, item.line());
        targetSites.add(new ControlIndependence.Sited<>(t, "control.targets[" + i + "]", item.line()));
      }
    }
    return new ControlConfig(resolver, sni == null ? null : sni.strip().toLowerCase(Locale.ROOT), helpers, targets);
  }

  private ControlTarget readControlTarget(YamlNode node, String where) {
    if (!(node instanceof YamlNode.Mapping)) {
      Endpoint e = connecting(node, where, EndpointReader.read(node, where, problems));
      return e == null ? null : new ControlTarget(e, false, ControlTarget.knownExpectation(e));
    }
    ConfigSection s = ConfigSection.of(node, where, problems, CONTROL_TARGET_KEYS);
    s.requirePresent("url", EndpointReader.EXPECTED);
    Boolean domestic = s.bool("domestic");
    YamlNode url = s.node("url");
    Endpoint e = url == null ? null
        : connecting(url, s.pathOf("url"), EndpointReader.read(url, s.pathOf("url"), problems));
    ContentExpectation expect = readExpectation(s, e);
    return e == null ? null : new ControlTarget(e, domestic != null && domestic,
        expect != null ? expect : ControlTarget.knownExpectation(e));
  }

  /** {@code expect: {status: 204}} or {@code {body: success}} or both; only for http(s) controls. */
  private ContentExpectation readExpectation(ConfigSection parent, Endpoint e) {
    YamlNode node = parent.node("expect");
    if (node == null) return null;
    String where = parent.pathOf("expect");
    if (e != null && e.kind() != Endpoint.Kind.URL) {
      problems.add(node.line(), where + " is only for http:// and https:// controls (expected no expect here)");
      return null;
    }
    ConfigSection s = ConfigSection.of(node, where, problems, EXPECT_KEYS);
    Long status = s.integer("status", 100, 599);
    String body = s.string("body", "a text the control's page contains, e.g. success");
    if (status == null && (body == null || body.isEmpty())) {
      problems.add(node.line(), where + " names nothing to check (expected status: CODE and/or body: TEXT)");
      return null;
    }
    return new ContentExpectation(status == null ? null : status.intValue(), body == null || body.isEmpty() ? null : body);
  }

  /** A control shows that the network carries traffic: a DNS-only endpoint dials nothing and cannot (reported). */
  private Endpoint connecting(YamlNode node, String where, Endpoint e) {
    if (e == null || e.dials()) return e;
    problems.add(node.line(), where + " '" + e.spec() + "' measures DNS only (expected a control that connects:"
        + " http://, https://, tls:// or tcp://; a control must show that the network carries traffic)");
    return null;
  }

  private HelperSpec readHelper(YamlNode node, String where) {
    YamlNode urlNode = node;
    Path token = null;
    String urlWhere = where;
    if (node instanceof YamlNode.Mapping) {
      ConfigSection s = ConfigSection.of(node, where, problems, HELPER_KEYS);
      s.requirePresent("url", "the helper's https:// URL");
      urlNode = s.node("url");
      urlWhere = s.pathOf("url");
      token = readFile(s, "token_file", false);
      if (urlNode == null) return null;
    }
    String text = ConfigSection.scalarText(urlNode, urlWhere, "a helper URL such as https://helper.example.org/", problems);
    if (text == null) return null;
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      url = null;
    }
    String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url == null || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      problems.add(urlNode.line(), urlWhere + " '" + text + "' is not an http(s) URL with a host (expected e.g."
          + " https://helper.example.org/)");
      return null;
    }
    return new HelperSpec(url, token);
  }

  private List<Path> readTrust(YamlNode node) {
    if (node == null) return List.of();
    ConfigSection s = ConfigSection.of(node, "tls", problems, TLS_KEYS);
    if (s == null) return List.of();
    List<Path> out = new ArrayList<>();
    List<YamlNode> items = s.list("trust", "PEM certificate files");
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String where = "tls.trust[" + i + "]";
      String text = ConfigSection.scalarText(item, where, "a PEM certificate file path", problems);
      if (text == null) continue;
      Path p = LocalFiles.resolve(baseDir, text);
      String why = p == null ? "is not a file path" : LocalFiles.notCertificates(p);
      if (why != null) {
        problems.add(item.line(), where + " '" + text + "' " + why + " (expected a readable PEM file of X.509"
            + " certificates; relative paths are resolved against " + baseDir + ")");
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private List<Cidr> readNotBogons(YamlNode node) {
    if (node == null) return List.of();
    ConfigSection s = ConfigSection.of(node, "dns", problems, DNS_KEYS);
    if (s == null) return List.of();
    List<Cidr> out = new ArrayList<>();
    List<YamlNode> items = s.list("not_bogons", "CIDRs such as 10.0.0.0/8");
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String where = "dns.not_bogons[" + i + "]";
      String text = ConfigSection.scalarText(item, where, "a CIDR such as 10.0.0.0/8", problems);
      if (text == null) continue;
      try {
        Cidr cidr = Cidr.parse(text.strip());
        out.add(cidr);
        lines.put(cidr, item.line());
      } catch (IllegalArgumentException e) {
        problems.add(item.line(), where + " '" + text + "' is not a CIDR: " + e.getMessage()
            + " (expected ADDRESS/PREFIX such as 10.0.0.0/8 or fd00::/8)");
      }
    }
    return out;
  }

  private Limits readLimits(YamlNode node) {
    Limits d = Limits.DEFAULTS;
    if (node == null) return d;
    ConfigSection s = ConfigSection.of(node, "limits", problems, LIMIT_KEYS);
    if (s == null) return d;
    Long concurrency = s.integer("concurrency", 1, 1024);
    Long body = s.size("body_bytes", 1, MAX_SIZE);
    Long decompressed = s.size("decompressed_bytes", 1, MAX_SIZE);
    Long header = s.size("header_bytes", 1024, MAX_SIZE);
    Long redirects = s.integer("redirects", 0, 50);
    Long addresses = s.integer("addresses_per_endpoint", 1, 64);
    return new Limits(concurrency == null ? d.concurrency() : concurrency.intValue(), or(body, d.bodyBytes()),
        or(decompressed, d.decompressedBytes()), or(header, d.headerBytes()),
        redirects == null ? d.redirects() : redirects.intValue(),
        addresses == null ? d.addressesPerEndpoint() : addresses.intValue());
  }

  private ClassifierSettings readClassifier(YamlNode node) {
    ClassifierSettings d = ClassifierSettings.DEFAULTS;
    if (node == null) return d;
    ConfigSection s = ConfigSection.of(node, "classifier", problems, CLASSIFIER_KEYS);
    if (s == null) return d;
    Double ratio = s.decimal("throttle_ratio", 1, 1000);
    Duration floor = s.duration("throttle_floor", false);
    Long rounds = s.integer("throttle_rounds", 1, 100);
    List<Path> files = new ArrayList<>();
    List<YamlNode> items = s.list("fingerprints", "fingerprint file paths");
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String where = "classifier.fingerprints[" + i + "]";
      String text = ConfigSection.scalarText(item, where, "a fingerprint file path", problems);
      if (text == null) continue;
      Path p = checkedFile(item.line(), where, text, "a readable fingerprint file");
      if (p != null) files.add(p);
    }
    return new ClassifierSettings(ratio == null ? d.throttleRatio() : ratio, or(floor, d.throttleFloor()),
        rounds == null ? d.throttleRounds() : rounds.intValue(), files);
  }

  private Path readFile(ConfigSection s, String key, boolean required) {
    if (required) s.requirePresent(key, "a file path");
    String text = s.string(key, "a file path");
    return text == null ? null : checkedFile(s.node(key).line(), s.pathOf(key), text, "a readable file");
  }

  private Path checkedFile(int line, String where, String text, String expected) {
    Path p = LocalFiles.resolve(baseDir, text);
    String why = p == null ? "is not a file path" : LocalFiles.unreadable(p);
    if (why == null) return p;
    problems.add(line, where + " '" + text + "' " + why + " (expected " + expected
        + "; relative paths are resolved against " + baseDir + ")");
    return null;
  }

  private List<Platform> readPlatforms(ConfigSection root, ScheduleSpec globalSchedule) {
    YamlNode node = root.node("platforms");
    if (node == null) {
      problems.add(root.lineOf("platforms"), "missing block 'platforms' (expected at least one platform with"
          + " endpoints)");
      return List.of();
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      problems.add(node.line(), "platforms is " + node.kindName() + " (expected a mapping of platform id to"
          + " {name, schedule, endpoints})");
      return List.of();
    }
    if (m.entries().isEmpty()) {
      problems.add(m.line(), "platforms is empty (expected at least one platform)");
    }
    List<Platform> out = new ArrayList<>();
    for (YamlNode.Entry e : m.entries()) {
      Platform p = readPlatform(e, globalSchedule);
      if (p != null) out.add(p);
    }
    return out;
  }

  private Platform readPlatform(YamlNode.Entry entry, ScheduleSpec globalSchedule) {
    String id = entry.key();
    if (!PLATFORM_ID.matcher(id).matches()) {
      problems.add(entry.line(), "platform id '" + id + "' has characters outside a-z 0-9 _ - or is longer than 64"
          + " (expected e.g. facebook; the id is a metric label)");
    } else if (id.equals(RESERVED_PLATFORM_ID)) {
      problems.add(entry.line(), "platform id 'control' is reserved for control measurements (expected another id)");
    }
    String path = "platforms." + id;
    ConfigSection s = ConfigSection.of(entry.value(), path, problems, PLATFORM_KEYS);
    if (s == null) return null;
    String name = s.string("name", "a display name such as Facebook");
    ScheduleSpec schedule = ScheduleReader.read(s.node("schedule"), path + ".schedule", problems, globalSchedule);
    YamlNode endpointsNode = s.node("endpoints");
    if (endpointsNode == null) {
      problems.add(s.lineOf("endpoints"), path + ": missing key 'endpoints' (expected a list of " + EndpointReader.EXPECTED
          .substring("an endpoint: ".length()) + ")");
      return null;
    }
    List<YamlNode> items = s.list("endpoints", "endpoints");
    if (endpointsNode instanceof YamlNode.Sequence && items.isEmpty()) {
      problems.add(endpointsNode.line(), path + ".endpoints is empty (expected at least one endpoint)");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      Endpoint ep = EndpointReader.readItem(item, path + ".endpoints[" + i + "]", problems);
      if (ep == null) continue;
      Integer first = seen.putIfAbsent(EndpointReader.identity(ep), item.line());
      if (first != null) {
        problems.add(item.line(), path + ".endpoints[" + i + "] '" + ep.spec() + "' duplicates the endpoint on line "
            + first + " (expected each endpoint once per platform)");
      } else {
        endpoints.add(ep);
        lines.put(ep, item.line());
      }
    }
    return new Platform(id, name == null ? id : name.strip(), schedule, endpoints);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
