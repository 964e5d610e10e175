package org.censorprobe.probe.ooni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.xbill.DNS.Rcode;

/**
 * One stored record as one OONI measurement (ooni/spec, data-formats/): the base keys of df-000, and test keys in
 * OONI's shapes where OONI has one: {@code queries} (df-002), {@code tcp_connect} (df-005), {@code tls_handshakes}
 * (df-006), {@code requests} (df-001), failure strings of df-007. Everything censorprobe knows that OONI has no
 * key for (the verdict and what backs it, the retries, the SNI swap, the chain as recorded, the remote vantage's
 * answer) is kept under {@code x_} keys, which the spec permits anywhere. docs/measurement-format.md, "OONI export",
 * says which key holds what and why.
 *
 * <p>Never in the output: the probe's address ({@code probe_ip} is always 127.0.0.1, OONI's "not shared"), and
 * anything that was not recorded: no {@code peer_certificates} (the record keeps each certificate's names, serial,
 * validity and SHA-256, not its DER), no {@code network_events} (no socket-level events are recorded), no request
 * headers (what was sent is not recorded).
 */
public final class OoniWriter {
  /** The data format of the envelope (data-formats/README.md). */
  static final String DATA_FORMAT_VERSION = "0.2.0";
  /** The version of this mapping: bumped when a key's meaning changes. */
  static final String TEST_VERSION = "0.1.0";
  static final String SOFTWARE_NAME = "censorprobe";
  static final String NOT_SHARED_IP = "127.0.0.1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter OONI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  /** The judgement's fields of a record, as MeasurementCodec writes them, each exported as x_censorprobe_NAME. */
  private static final List<String> JUDGEMENT_FIELDS = List.of("verdict", "method", "confidence", "evidence",
      "facts", "platform_verdict", "round", "classifier", "judged_at", "previous");

  /**
   * What wrote the export: censorprobe's version and the machine it ran on (OONI's {@code software_version} and
   * {@code annotations}). A record does not keep which version measured it.
   */
  public record Software(String version, String platform, String architecture) {
    public static Software ofThisJvm(String version) {
      return new Software(version, platform(System.getProperty("os.name", "")),
          architecture(System.getProperty("os.arch", "")));
    }

    /** OONI's platform names (df-000-base.md). */
    static String platform(String osName) {
      String os = osName.toLowerCase(Locale.ROOT);
      if (os.contains("linux")) return "linux";
      if (os.contains("mac")) return "macos";
      if (os.contains("windows")) return "windows";
      if (os.contains("freebsd")) return "freebsd";
      return os.isEmpty() ? "unknown" : os.replaceAll("[^a-z0-9]", "");
    }

    /** OONI's architecture names (df-000-base.md): Go's, not the JVM's. */
    static String architecture(String osArch) {
      return switch (osArch) {
        case "amd64", "x86_64" -> "amd64";
        case "aarch64", "arm64" -> "arm64";
        case "arm", "armv7l" -> "arm";
        case "x86", "i386", "i686" -> "386";
        default -> osArch.isEmpty() ? "unknown" : osArch;
      };
    }
  }

  private final Software software;

  public OoniWriter(Software software) {
    this.software = software;
  }

  /** One line of JSON, no newline. {@code roundStart}: when the record's round began (OONI's test_start_time). */
  public String line(Measurement m, Instant roundStart) {
    try {
      return JSON.writeValueAsString(measurement(m, roundStart));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  ObjectNode measurement(Measurement m, Instant roundStart) {
    Instant start = m.measuredAt().truncatedTo(ChronoUnit.SECONDS);
    String cc = countryCode(m.probe().country());
    ObjectNode o = JSON.createObjectNode();
    ObjectNode annotations = o.putObject("annotations");
    annotations.put("architecture", software.architecture());
    annotations.put("engine_name", SOFTWARE_NAME);
    annotations.put("engine_version", software.version());
    annotations.put("platform", software.platform());
    annotations.put("x_censorprobe_probe", m.probe().id());
    o.put("data_format_version", DATA_FORMAT_VERSION);
    o.put("input", input(m));
    o.put("measurement_start_time", OONI_TIME.format(start));
    o.put("probe_asn", "AS" + m.probe().asn());
    o.put("probe_cc", cc);
    o.put("probe_ip", NOT_SHARED_IP);
    if (m.probe().network() != null) o.put("probe_network_name", m.probe().network());
    o.put("report_id", ReportId.of(roundStart, cc, m.probe().asn(), m.roundId() == null ? m.id() : m.roundId()));
    o.put("software_name", SOFTWARE_NAME);
    o.put("software_version", software.version());
    HelperObservation helper = m.steps() instanceof EndpointObservations e ? e.helper() : null;
    ObjectNode helpers = o.putObject("test_helpers");
    if (helper != null) testHelpers(helpers, helper);
    ObjectNode keys = JSON.createObjectNode();
    List<String> extensions = testKeys(keys, m, start);
    ObjectNode ext = JSON.createObjectNode();
    for (String x : extensions) ext.put(x, 0);
    o.set("extensions", ext);
    o.set("test_keys", keys);
    o.put("test_name", OoniTestName.of(m).wire());
    o.put("test_runtime", seconds(m.steps().durationMs()));
    o.put("test_start_time", OONI_TIME.format(roundStart));
    o.put("test_version", TEST_VERSION);
    return o;
  }

  /** The endpoint as OONI's input: a URL for URL endpoints (a POST's method is in its request), else the spec. */
  private static String input(Measurement m) {
    if (m.role() == Role.RESOLVER) return m.endpoint();
    Endpoint e = m.observations().endpoint();
    return e.kind() == Endpoint.Kind.URL ? e.uri().toString() : e.spec();
  }

  private static String countryCode(String country) {
    return country != null && country.matches("[A-Za-z]{2}") ? country.toUpperCase(Locale.ROOT) : "ZZ";
  }

  /** The remote vantage, as df-000 writes Web Connectivity's: the one that answered, else the first asked. */
  private static void testHelpers(ObjectNode helpers, HelperObservation h) {
    String address = h.answeredBy() != null ? h.answeredBy()
        : h.attempts().isEmpty() ? null : h.attempts().get(0).helper();
    if (address == null) return;
    ObjectNode backend = helpers.putObject("backend");
    backend.put("address", address);
    backend.put("type", address.startsWith("http://") ? "http" : "https");
  }

  /** Fills the test keys; returns the data-format extensions used. */
  private List<String> testKeys(ObjectNode keys, Measurement m, Instant start) {
    List<String> extensions = new ArrayList<>();
    if (m.steps() instanceof ResolverObservations r) {
      keys.set("queries", queries(r.queries(), false, start));
      extensions.add("dnst");
    } else {
      EndpointObservations o = m.observations();
      ArrayNode queries = queries(o.dns(), false, start);
      queries.addAll(queries(o.controlDns(), true, start));
      keys.set("queries", queries);
      extensions.add("dnst");
      if (m.observations().endpoint().dials()) {
        ArrayNode tcp = keys.putArray("tcp_connect");
        for (TcpObservation t : o.tcp()) tcp.add(tcp(t, start));
        extensions.add("tcpconnect");
      }
      if (o.endpoint().needsTls() || !o.tls().isEmpty()) { // an http:// URL may redirect to https://
        ArrayNode tls = keys.putArray("tls_handshakes");
        for (TlsObservation t : o.tls()) tls.add(tls(t, false, start));
        for (TlsObservation t : o.sniSwap()) tls.add(tls(t, true, start));
        extensions.add("tlshandshake");
      }
      if (o.endpoint().kind() == Endpoint.Kind.URL) {
        keys.put("agent", "redirect");
        ArrayNode requests = keys.putArray("requests");
        // OONI lists a redirect chain's requests last first: requests[0] is the final response (ts-017).
        List<HttpExchange> hops = new ArrayList<>(o.http());
        java.util.Collections.reverse(hops);
        for (HttpExchange h : hops) requests.add(request(h, start));
        extensions.add("httpt");
      }
    }
    censorprobeKeys(keys, m);
    return extensions;
  }

  private void censorprobeKeys(ObjectNode keys, Measurement m) {
    keys.put("x_censorprobe_schema", MeasurementCodec.SCHEMA); // the x_censorprobe_ keys are the record's, in this schema
    keys.put("x_censorprobe_id", m.id());
    keys.put("x_censorprobe_round_id", m.roundId());
    keys.put("x_censorprobe_role", m.role().label());
    keys.put("x_censorprobe_platform", m.platform());
    keys.put("x_censorprobe_platform_name", m.platformName());
    keys.put("x_censorprobe_endpoint", m.endpoint());
    if (m.role() == Role.CONTROL) keys.put("x_censorprobe_domestic", m.domestic());
    if (m.resolverRole() != null) keys.put("x_censorprobe_resolver_role", m.resolverRole().label());
    JsonNode record = record(m);
    if (record.has("expect")) keys.set("x_censorprobe_expect", record.get("expect"));
    // The judgement exactly as censorprobe writes it (the one codec): verdict, method, confidence, evidence, facts,
    // the platform's roll-up, the round's context, the classifier and every earlier judgement.
    for (String field : JUDGEMENT_FIELDS) {
      if (record.has(field)) keys.set("x_censorprobe_" + field, record.get(field));
    }
    JsonNode helper = record.path("steps").get("helper");
    if (helper != null && !helper.isNull()) keys.set("x_censorprobe_helper", helper);
  }

  private static JsonNode record(Measurement m) {
    try {
      return JSON.readTree(MeasurementCodec.toJson(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the codec writes JSON", e);
    }
  }

  // ---- df-002 queries

  private static ArrayNode queries(List<DnsObservation> list, boolean controlResolver, Instant start) {
    ArrayNode out = JSON.createArrayNode();
    for (DnsObservation d : list) {
      ObjectNode q = out.addObject();
      ArrayNode answers = q.putArray("answers");
      for (DnsAnswer a : d.answers()) answers.add(answer(a));
      q.put("engine", engine(d.resolver()));
      failure(q, d.failure());
      q.put("hostname", d.query());
      q.put("query_type", d.queryType().name());
      int rcode = d.rcode() == null ? -1 : Rcode.value(d.rcode());
      if (rcode >= 0) q.put("rcode", rcode);
      q.put("resolver_address", resolverAddress(d.resolver()));
      times(q, d.startedAt(), d.durationMs(), start);
      q.put("x_resolver", d.resolver());
      if (controlResolver) q.put("x_control_resolver", true);
      q.put("x_attempt", d.attempt());
      if (!d.lateReplies().isEmpty()) {
        ArrayNode late = q.putArray("x_late_replies");
        for (var r : d.lateReplies()) {
          ObjectNode l = late.addObject();
          l.put("after_first_ms", r.afterFirstMs());
          if (r.rcode() != null && Rcode.value(r.rcode()) >= 0) l.put("rcode", Rcode.value(r.rcode()));
          ArrayNode as = l.putArray("answers");
          for (DnsAnswer a : r.answers()) as.add(answer(a));
        }
      }
    }
    return out;
  }

  private static ObjectNode answer(DnsAnswer a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("answer_type", a.type().name());
    switch (a.type()) {
      case A -> o.put("ipv4", a.address().toString());
      case AAAA -> o.put("ipv6", a.address().toString());
      case CNAME -> o.put("hostname", a.target());
    }
    o.put("ttl", a.ttl());
    if (a.bogon()) o.put("x_bogon", true);
    return o;
  }

  /** df-002's engines: the system resolver is asked over UDP at resolv.conf's nameservers, never getaddrinfo. */
  private static String engine(String resolver) {
    if (resolver.startsWith("udp://") || resolver.equals("system")) return "udp";
    if (resolver.startsWith("tcp://")) return "tcp";
    if (resolver.startsWith("https://")) return "doh";
    return "unknown";
  }

  /** IP:PORT for udp:// and tcp://, the URL for DoH; empty for the system resolver, whose server is not recorded. */
  private static String resolverAddress(String resolver) {
    if (resolver.startsWith("udp://") || resolver.startsWith("tcp://")) return resolver.substring(6);
    if (resolver.startsWith("https://")) return resolver;
    return "";
  }

  // ---- df-005 tcp_connect

  private static ObjectNode tcp(TcpObservation t, Instant start) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ip", t.address().toString());
    o.put("port", t.port());
    ObjectNode status = o.putObject("status");
    failure(status, t.failure());
    status.put("success", t.failure() == null);
    times(o, t.startedAt(), t.durationMs(), start);
    if (t.flow() > 0) o.put("transaction_id", t.flow());
    o.put("x_attempt", t.attempt());
    return o;
  }

  // ---- df-006 tls_handshakes

  private static ObjectNode tls(TlsObservation t, boolean sniSwap, Instant start) {
    ObjectNode o = JSON.createObjectNode();
    o.put("network", "tcp");
    o.put("address", new IpPort(t.address(), t.port()).toString());
    o.put("cipher_suite", t.cipherSuite() == null ? "" : t.cipherSuite());
    // OONI's handshake verifies the chain as it goes, so its failure includes a certificate that does not
    // validate; censorprobe records the two apart (x_handshake_failure, x_validation_failure).
    Failure decisive = t.failure() != null ? t.failure() : t.validationFailure();
    failure(o, decisive);
    o.put("negotiated_protocol", t.alpn() == null ? "" : t.alpn());
    o.put("no_tls_verify", false);
    if (t.serverName() != null) o.put("server_name", t.serverName());
    times(o, t.startedAt(), t.durationMs(), start);
    o.put("tls_version", t.protocol() == null ? "" : t.protocol());
    if (t.flow() > 0) o.put("transaction_id", t.flow());
    o.put("x_attempt", t.attempt());
    if (sniSwap) o.put("x_sni_swap", true);
    o.put("x_handshake_failure", OoniFailures.ooni(t.failure()));
    o.put("x_validation_failure", OoniFailures.ooni(t.validationFailure()));
    ArrayNode chain = o.putArray("x_chain");
    for (CertificateInfo c : t.chain()) {
      ObjectNode cert = chain.addObject();
      cert.put("subject", c.subject());
      cert.put("issuer", c.issuer());
      cert.put("serial_number", c.serialNumber());
      cert.put("sha256", c.sha256());
      if (c.notBefore() != null) cert.put("not_before", c.notBefore().toString());
      if (c.notAfter() != null) cert.put("not_after", c.notAfter().toString());
      ArrayNode sans = cert.putArray("subject_alt_names");
      c.subjectAltNames().forEach(sans::add);
    }
    return o;
  }

  // ---- df-001 requests

  private static ObjectNode request(HttpExchange h, Instant start) {
    ObjectNode o = JSON.createObjectNode();
    o.put("network", "tcp");
    IpPort to = peer(h);
    if (to != null) o.put("address", to.toString());
    failure(o, h.failure());
    ObjectNode req = o.putObject("request");
    req.put("body", "");
    req.put("body_is_truncated", false);
    req.putObject("headers"); // what was sent is not recorded
    req.putArray("headers_list");
    req.put("method", h.method());
    ObjectNode tor = req.putObject("tor");
    tor.putNull("exit_ip");
    tor.putNull("exit_name");
    tor.put("is_tor", false);
    req.put("url", h.url());
    req.put("x_transport", "tcp");
    ObjectNode res = o.putObject("response");
    String body = h.bodySample() == null ? "" : h.bodySample();
    res.put("body", body);
    // The sample is the body's first KiB as text: anything past it is not in the export.
    res.put("body_is_truncated", h.bodyTruncated() || body.getBytes(StandardCharsets.UTF_8).length < h.bodyLength());
    res.put("code", h.statusCode());
    ObjectNode headers = res.putObject("headers");
    ArrayNode list = res.putArray("headers_list");
    for (Map.Entry<String, List<String>> e : new TreeMap<>(h.headers()).entrySet()) {
      if (!e.getValue().isEmpty()) headers.put(e.getKey(), e.getValue().get(0)); // df-001: the first value
      for (String v : e.getValue()) list.addArray().add(e.getKey()).add(v);
    }
    times(o, h.startedAt(), h.durationMs(), start);
    if (h.flow() > 0) o.put("transaction_id", h.flow());
    o.put("x_attempt", h.attempt());
    o.put("x_body_length", h.bodyLength());
    o.put("x_body_sha256", h.bodySha256());
    o.put("x_title", h.title());
    if (h.timeToFirstByteMs() != null) o.put("x_time_to_first_byte_ms", h.timeToFirstByteMs());
    if (h.transferBytesPerSecond() != null) o.put("x_transfer_bytes_per_second", h.transferBytesPerSecond());
    return o;
  }

  private static IpPort peer(HttpExchange h) {
    if (h.address() == null) return null;
    try {
      URI u = URI.create(h.url());
      int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      return new IpPort(h.address(), port);
    } catch (IllegalArgumentException e) {
      return null; // a URL that does not parse says no port; the address alone is not OONI's shape
    }
  }

  // ---- shared

  /** {@code failure} (OONI's string or null) and, where OONI's string is not censorprobe's, the original. */
  private static void failure(ObjectNode o, Failure f) {
    o.put("failure", OoniFailures.ooni(f));
    String own = OoniFailures.censorprobe(f);
    if (own != null) o.put("x_censorprobe_failure", own);
    if (f != null && f.operation() != null) o.put("x_failed_operation", f.operation().wire());
    if (f != null && f.detail() != null) o.put("x_failure_detail", f.detail());
  }

  /** {@code t0} and {@code t}: seconds since measurement_start_time, when the step's start was recorded. */
  private static void times(ObjectNode o, Instant startedAt, double durationMs, Instant start) {
    if (startedAt == null) return;
    double t0 = Duration.between(start, startedAt).toNanos() / 1e9;
    o.put("t0", round6(t0));
    o.put("t", round6(t0 + durationMs / 1000));
  }

  private static double seconds(double ms) {
    return round6(ms / 1000);
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
