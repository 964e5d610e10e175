package org.censorprobe.probe.config;

import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.endpoint.Endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final Path CONFIGS = Path.of("src/test/resources/config");
  static final Path BAD = CONFIGS.resolve("bad");

  /** One fixture per validation rule: the file, the line the problem must be reported on, and its gist. */
  static Stream<Arguments> badFixtures() {
    return Stream.of(
        Arguments.of("unknown-key", 5, "unknown key 'dnss' in timeouts (did you mean 'dns'? expected one of: dns, tcp, tls, http, endpoint)"),
        Arguments.of("unknown-root-key", 3, "unknown key 'platform' in the config (did you mean 'platforms'? expected one of: probe, timeouts"),
        Arguments.of("unknown-key-far", 4, "unknown key 'retries' in limits (expected one of: concurrency,"),
        Arguments.of("unknown-endpoint-key", 6, "unknown key 'methd' in platforms.telegram.endpoints[0] (did you mean 'method'? expected one of: url, method)"),
        Arguments.of("wrong-type-list", 3, "resolvers is a scalar 'udp://1.1.1.1:53' (expected a list of resolver URIs"),
        Arguments.of("wrong-type-mapping", 3, "timeouts is a list (expected a mapping with keys: dns, tcp, tls, http, endpoint)"),
        Arguments.of("wrong-type-integer", 4, "limits.concurrency 'many' is not an integer (expected an integer from 1 to 1024)"),
        Arguments.of("wrong-type-boolean", 5, "control.targets[0].domestic is a scalar 'yes' (expected true or false)"),
        Arguments.of("bad-url", 6, "platforms.example.endpoints[0] 'https://exa mple.org/' is invalid: not a valid URL"),
        Arguments.of("bad-scheme", 7, "'ftp://example.org/' is invalid: unsupported scheme 'ftp' (expected http, https, tls, tcp or dns)"),
        Arguments.of("method-not-get-or-post", 6, "platforms.telegram.endpoints[0].method 'PUT' is not GET or POST (expected GET or POST"),
        Arguments.of("method-on-tcp", 7, "platforms.telegram.endpoints[0].method POST is for http:// and https:// URLs only ('tcp://149.154.175.50:443' sends no HTTP request"),
        Arguments.of("endpoint-without-url", 7, "platforms.telegram.endpoints[1]: missing key 'url'"),
        Arguments.of("duplicate-post", 8, "platforms.telegram.endpoints[2] 'POST http://149.154.175.50:443' duplicates the endpoint on line 7"),
        Arguments.of("dns-with-port", 6, "'dns://stun.fbsbx.com:3478' is invalid: has a port (expected dns://HOST: nothing is dialled)"),
        Arguments.of("dns-ip-literal", 7, "'dns://157.240.1.1' is invalid: names an IP address (expected dns://NAME"),
        Arguments.of("dns-with-path", 6, "'dns://stun.fbsbx.com/turn' has a path or query (expected dns://HOST only)"),
        Arguments.of("dns-control", 6, "control.targets[1] 'dns://www.debian.org' measures DNS only (expected a control that connects"),
        Arguments.of("bad-port", 6, "port 70000 out of range (1-65535)"),
        Arguments.of("missing-port", 6, "missing port (expected tls://HOST:PORT)"),
        Arguments.of("path-on-tcp", 6, "has a path or query (expected tcp://HOST:PORT only)"),
        Arguments.of("bad-duration", 3, "timeouts.tcp '10 seconds' is not a duration (expected a duration such as 500ms, 90s, 5m, 2h, 1d or 1h30m)"),
        Arguments.of("bare-number-duration", 4, "timeouts.http '15' is not a duration"),
        Arguments.of("zero-duration", 4, "timeouts.dns is zero (expected a positive duration such as 5s)"),
        Arguments.of("jitter-not-less", 5, "schedule.jitter 1m is not less than every 1m (expected 0 <= jitter < every)"),
        Arguments.of("bad-cron", 4, "schedule.cron '*/5 * * * *' is not a valid Quartz cron expression"),
        Arguments.of("cron-and-every", 3, "schedule has cron together with every/jitter"),
        Arguments.of("schedule-without-every", 5, "platforms.example.schedule: missing key 'every'"),
        Arguments.of("bad-cidr", 6, "dns.not_bogons[1] '10.0.0.0/33' is not a CIDR: prefix length 33 out of range (0-32)"),
        Arguments.of("bad-cidr-address", 4, "dns.not_bogons[0] 'corp.example/8' is not a CIDR"),
        Arguments.of("trust-not-pem", 5, "tls.trust[0] 'not-a-cert.pem'"),
        Arguments.of("trust-missing-file", 4, "tls.trust[0] 'no-such-ca.pem' does not exist (expected a readable PEM file of X.509 certificates"),
        Arguments.of("duplicate-platform", 6, "duplicate key 'example' (first defined on line 4; each key once)"),
        Arguments.of("empty-endpoints", 5, "platforms.example.endpoints is empty (expected at least one endpoint)"),
        Arguments.of("missing-endpoints", 4, "platforms.example: missing key 'endpoints'"),
        Arguments.of("duplicate-endpoint", 8, "platforms.example.endpoints[2] 'https://EXAMPLE.org:443/' duplicates the endpoint on line 6"),
        Arguments.of("resolver-wrong-scheme", 5, "resolvers[1] 'dns://8.8.8.8' has scheme 'dns' (expected udp://IP[:PORT], tcp://IP[:PORT] or https://HOST/PATH (DoH))"),
        Arguments.of("resolver-hostname", 3, "resolvers[0] 'udp://dns.google:53' names a host, not an IP address"),
        Arguments.of("control-resolver-no-path", 4, "control.resolver 'https://dns.google' has no path"),
        Arguments.of("bad-platform-id", 4, "platform id 'Face.Book' has characters outside a-z 0-9 _ -"),
        Arguments.of("reserved-platform-id", 4, "platform id 'control' is reserved"),
        Arguments.of("bad-size", 4, "limits.body_bytes '512KB' is not a size (expected a size such as 65536, 512KiB, 4MiB or 1GiB)"),
        Arguments.of("size-too-large", 4, "limits.decompressed_bytes 2GiB is out of range"),
        Arguments.of("missing-probe", 1, "missing block 'probe' (expected probe: with at least id:)"),
        Arguments.of("missing-probe-id", 1, "probe: missing key 'id' (expected the probe's id, e.g. kz-almaty-1)"),
        Arguments.of("bad-probe-id", 2, "probe.id 'KZ Almaty' has characters outside a-z 0-9 . _ -"),
        Arguments.of("bad-country", 3, "probe.country 'Kazakhstan' is not a two-letter country code"),
        Arguments.of("bad-asn", 3, "probe.asn '-5' is not an AS number"),
        Arguments.of("missing-platforms", 1, "missing block 'platforms'"),
        Arguments.of("bad-sni", 4, "control.sni '93.184.215.14' is not a DNS name"),
        Arguments.of("bad-helper-url", 4, "control.helpers[0] 'ftp://helper.example.org/' is not an http(s) URL"),
        Arguments.of("missing-token-file", 6, "control.helpers[0].token_file 'missing.token' does not exist"),
        Arguments.of("duplicate-control", 6, "duplicates the target on line 5"),
        Arguments.of("alias", 5, "YAML alias '*t'"),
        Arguments.of("syntax-error", 4, "YAML syntax error"),
        Arguments.of("not-a-mapping", 1, "the config is a list (expected a mapping with keys: probe"),
        Arguments.of("empty", 1, "empty config"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFixtures")
  void eachRuleReportsOneProblemOnItsLine(String fixture, int line, String gist) {
    Path file = BAD.resolve(fixture + ".yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(1, e.problems().size(), () -> "expected exactly one problem, got:\n" + e.getMessage());
    ConfigProblem p = e.problems().get(0);
    assertEquals(line, p.line(), () -> "wrong line for: " + p);
    assertTrue(p.message().contains(gist), () -> "message '" + p.message() + "' lacks '" + gist + "'");
    assertTrue(p.toString().startsWith(file + ":" + line + ": "), p::toString);
  }

  @Test
  void reportsAllProblemsAtOnceInFileOrder() {
    Path file = CONFIGS.resolve("many-problems.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    List<Integer> lines = e.problems().stream().map(ConfigProblem::line).toList();
    assertEquals(List.of(2, 3, 6, 7, 7, 8, 9), lines, e::getMessage);
    List<String> messages = e.problems().stream().map(ConfigProblem::message).toList();
    assertTrue(messages.get(0).contains("platform id 'Bad Id'"), messages::toString);
    assertTrue(messages.get(3).contains("timeouts.dns is zero"), messages::toString);
    assertTrue(messages.get(4).contains("timeouts.tcp '5 s'"), messages::toString);
    assertTrue(messages.get(6).contains("limits.body_bytes '1TB'"), messages::toString);
    assertEquals(e.problems().stream().map(ConfigProblem::toString).reduce((a, b) -> a + "\n" + b).orElseThrow(),
        e.getMessage());
  }

  @Test
  void problemCountsAreSingularForOne() {
    assertEquals("1 problem", ConfigProblem.count(1));
    assertEquals("2 problems", ConfigProblem.count(2));
    assertEquals("0 problems", ConfigProblem.count(0));
  }

  @Test
  void missingFileIsAProblemOfTheWholeFile() {
    Path file = CONFIGS.resolve("no-such-config.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(List.of(new ConfigProblem(file.toString(), 0,
        "no such config file (expected a YAML file; see docs/configuration.md)")), e.problems());
  }

  @Test
  void fullFixtureLandsInEveryRecord() throws Exception {
    Path file = CONFIGS.resolve("good/full.yaml");
    Path dir = file.toAbsolutePath().getParent();
    ProbeConfig c = ConfigLoader.load(file);

    assertEquals(file, c.source());
    assertEquals(new ProbeIdentity("kz-almaty-1", "KZ", "Kazakhtelecom", 9198), c.probe());
    assertEquals(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofMillis(500),
        Duration.ofHours(1)), c.timeouts());
    assertEquals(new ScheduleSpec(Duration.ofMinutes(10), Duration.ZERO, null), c.schedule());
    assertEquals(List.of(
        new ResolverSpec(ResolverSpec.Transport.UDP, URI.create("udp://1.1.1.1:53")),
        new ResolverSpec(ResolverSpec.Transport.TCP, URI.create("tcp://[2606:4700:4700::1111]:5353")),
        new ResolverSpec(ResolverSpec.Transport.DOH, URI.create("https://dns.example.net/dns-query"))), c.resolvers());
    assertEquals(ResolverSpec.SYSTEM, c.localResolvers().get(0));

    ControlConfig control = c.control();
    assertEquals(new ResolverSpec(ResolverSpec.Transport.DOH, URI.create("https://dns.google/dns-query")),
        control.resolver());
    assertEquals("example.org", control.sni());
    assertEquals(List.of(new HelperSpec(URI.create("https://helper-a.example.net/"), null),
        new HelperSpec(URI.create("https://helper-b.example.net/api"), dir.resolve("helper.token"))),
        control.helpers());
    assertEquals(List.of(
        new ControlTarget(Endpoint.parse("https://example.org/"), false, null),
        new ControlTarget(Endpoint.parse("http://connectivitycheck.example.net/generate_204"), false,
            new org.censorprobe.format.endpoint.ContentExpectation(204, null)),
        new ControlTarget(Endpoint.parse("https://zero.kz/"), true, null)), control.targets());

    assertEquals(List.of(dir.resolve("extra-ca.pem")), c.tlsTrust());
    assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")), c.notBogons());
    assertEquals(new Limits(4, 256 * 1024, 2 * 1024 * 1024, 16384, 0, 2), c.limits());
    assertEquals(new ClassifierSettings(2.5, Duration.ofSeconds(3), 3, List.of(dir.resolve("fingerprints.jsonl"))),
        c.classifier());
    assertEquals("/var/lib/censorprobe/probe.db", c.store());

    assertEquals(2, c.platforms().size());
    Platform facebook = c.platforms().get(0);
    assertEquals("facebook", facebook.id());
    assertEquals("Facebook", facebook.name());
    // An override without jitter gets a tenth of its interval.
    assertEquals(new ScheduleSpec(Duration.ofMinutes(2), Duration.ofSeconds(12), null), facebook.schedule());
    assertEquals(List.of(Endpoint.Kind.URL, Endpoint.Kind.TLS, Endpoint.Kind.TCP, Endpoint.Kind.TCP),
        facebook.endpoints().stream().map(Endpoint::kind).toList());
    assertEquals("edge-mqtt.facebook.com", facebook.endpoints().get(1).host());
    assertEquals(5222, facebook.endpoints().get(2).port());
    assertTrue(facebook.endpoints().get(3).isIpLiteral());

    Platform telegram = c.platforms().get(1);
    assertEquals("telegram", telegram.name(), "the name defaults to the id");
    assertEquals(new ScheduleSpec(null, Duration.ZERO, "0 */5 * * * ?"), telegram.schedule());
    assertEquals("2001:67c:4e8:f004::a", telegram.endpoints().get(0).host());
  }

  /** A POST is its own endpoint, spelled so in every record; a dns:// endpoint dials nothing. */
  @Test
  void appEndpointsFixture() throws Exception {
    ProbeConfig c = ConfigLoader.load(CONFIGS.resolve("good/app-endpoints.yaml"));
    List<Endpoint> telegram = c.platforms().get(0).endpoints();
    assertEquals(List.of("http://149.154.175.50:443/", "POST http://149.154.175.50:443/", "http://149.154.175.50/"),
        telegram.stream().map(Endpoint::spec).toList());
    assertEquals(List.of(Endpoint.HttpMethod.GET, Endpoint.HttpMethod.POST, Endpoint.HttpMethod.GET),
        telegram.stream().map(Endpoint::method).toList());
    assertEquals(telegram.get(0).uri(), telegram.get(1).uri(), "the same URL, sent two ways");
    assertEquals(443, telegram.get(1).port());
    assertFalse(telegram.get(1).needsTls(), "plain HTTP to port 443, as OONI sends it");

    Endpoint stun = c.platforms().get(1).endpoints().get(0);
    assertEquals(Endpoint.Kind.DNS, stun.kind());
    assertEquals("stun.fbsbx.com", stun.host());
    assertFalse(stun.dials());
    assertFalse(stun.needsTls());
    assertTrue(c.platforms().get(1).endpoints().get(1).dials());
  }

  @Test
  void minimalFixtureGetsEveryDefault() throws Exception {
    ProbeConfig c = ConfigLoader.load(CONFIGS.resolve("good/minimal.yaml"));
    assertEquals(new ProbeIdentity("lab-1", "", "", 0), c.probe());
    assertEquals(Timeouts.DEFAULTS, c.timeouts());
    assertEquals(ScheduleSpec.DEFAULT, c.schedule());
    assertEquals(List.of(), c.resolvers());
    assertNull(c.control().resolver());
    assertNull(c.control().sni());
    assertTrue(c.control().targets().isEmpty());
    assertTrue(c.tlsTrust().isEmpty());
    assertTrue(c.notBogons().isEmpty());
    assertEquals(Limits.DEFAULTS, c.limits());
    assertEquals(ClassifierSettings.DEFAULTS, c.classifier());
    assertEquals("data/censorprobe.db", c.store());
    assertEquals(ScheduleSpec.DEFAULT, c.platforms().get(0).schedule(), "platforms inherit the global schedule");
  }

  /** The shipped file is only parsed here, never measured. */
  @Test
  void shippedTargetsFileValidates() throws Exception {
    ProbeConfig c = ConfigLoader.load(Path.of("../targets.yaml"));
    assertEquals(List.of("facebook", "youtube", "instagram", "whatsapp", "twitter", "skype", "teams", "google",
        "vkontakte", "tjournal", "telegram"), c.platforms().stream().map(Platform::id).toList());
    assertEquals(ResolverSpec.Transport.DOH, c.control().resolver().transport());
    assertTrue(c.control().targets().stream().anyMatch(ControlTarget::domestic));
    assertTrue(c.control().targets().stream().anyMatch(t -> !t.domestic()));

    Platform whatsapp = platform(c, "whatsapp");
    for (int i = 1; i <= 16; i++) {
      for (int port : new int[] {443, 5222}) {
        String spec = "tcp://e" + i + ".whatsapp.net:" + port;
        assertTrue(whatsapp.endpoints().stream().anyMatch(e -> e.spec().equals(spec)), spec);
      }
    }
    // OONI's telegram test: a plain-HTTP POST to each data-centre address on ports 80 and 443.
    Platform telegram = platform(c, "telegram");
    for (String ip : List.of("149.154.175.50", "149.154.167.51", "95.161.76.100", "149.154.175.100",
        "149.154.167.91", "149.154.171.5")) {
      for (int port : new int[] {80, 443}) {
        String spec = "POST http://" + ip + (port == 80 ? "" : ":443") + "/";
        assertTrue(telegram.endpoints().stream().anyMatch(e -> e.spec().equals(spec) && e.port() == port
            && e.method() == Endpoint.HttpMethod.POST && !e.needsTls() && e.isIpLiteral()), spec);
      }
    }
    // OONI's facebook_messenger test: TCP connects to six hosts, and stun.fbsbx.com resolved only.
    Platform facebook = platform(c, "facebook");
    for (String host : List.of("b-api.facebook.com", "b-graph.facebook.com", "edge-mqtt.facebook.com",
        "external.xx.fbcdn.net", "scontent.xx.fbcdn.net", "star.c10r.facebook.com")) {
      assertTrue(facebook.endpoints().stream().anyMatch(e -> e.spec().equals("tcp://" + host + ":443")), host);
    }
    List<Endpoint> stun = facebook.endpoints().stream().filter(e -> e.host().equals("stun.fbsbx.com")).toList();
    assertEquals(List.of("dns://stun.fbsbx.com"), stun.stream().map(Endpoint::spec).toList());
    assertTrue(facebook.endpoints().stream().noneMatch(e -> e.host().equals("star.facebook.com")),
        "not in OONI's test, nor known to exist");
    // No control may be hosted by a watched platform: it would fail together with it and hide the blocking.
    for (ControlTarget t : c.control().targets()) {
      for (Platform p : c.platforms()) {
        assertFalse(p.endpoints().stream().anyMatch(e -> e.host().equals(t.endpoint().host())), t.endpoint().spec());
      }
    }
  }

  private static Platform platform(ProbeConfig c, String id) {
    return c.platforms().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** YAML 1.1 reads NO as false: Norway must stay Norway, and only true/false count as booleans. */
  @Test
  void yaml11BooleansKeepTheirTextWhereTextIsExpected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, """
        probe: { id: no-oslo-1, country: NO, network: "off" }
        control:
          targets: [ { url: https://example.org/, domestic: True } ]
        platforms:
          example: { endpoints: [ https://example.org/ ] }
        """);
    ProbeConfig c = ConfigLoader.load(file);
    assertEquals(new ProbeIdentity("no-oslo-1", "NO", "off", 0), c.probe());
    assertTrue(c.control().targets().get(0).domestic());
  }

  /** Trust files resolve beside the config, wherever the probe is started from. */
  @Test
  void relativeFilesResolveAgainstTheConfigDirectory(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("etc"));
    Files.copy(CONFIGS.resolve("good/extra-ca.pem"), sub.resolve("ca.pem"));
    Path file = sub.resolve("probe.yaml");
    Files.writeString(file, """
        probe: { id: lab-1 }
        tls: { trust: [ ca.pem ] }
        store: relative/store.db
        platforms:
          example: { endpoints: [ https://example.org/ ] }
        """);
    ProbeConfig c = ConfigLoader.load(file);
    assertEquals(List.of(sub.toAbsolutePath().resolve("ca.pem")), c.tlsTrust());
    assertEquals("relative/store.db", c.store(), "the store stays relative to the working directory");
  }

  @Test
  void blankStoreIsAProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.yaml");
    Files.writeString(file, "probe: { id: lab-1 }\nstore: \"\"\nplatforms: { example: { endpoints: [ tcp://192.0.2.1:443 ] } }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(List.of(new ConfigProblem(file.toString(), 2,
        "store is blank (expected a file path such as data/censorprobe.db)")), e.problems());
  }

  @Test
  void theEndpointBudgetIsReadOrDerivedFromTheSteps(@TempDir Path dir) throws Exception {
    Path given = dir.resolve("given.yaml");
    Files.writeString(given, "probe: { id: lab-1 }\ntimeouts: { tcp: 3s, endpoint: 20s }\n"
        + "platforms: { example: { endpoints: [ tcp://192.0.2.1:443 ] } }\n");
    Path derived = dir.resolve("derived.yaml");
    Files.writeString(derived, "probe: { id: lab-1 }\ntimeouts: { dns: 1s, tcp: 2s, tls: 3s, http: 4s }\n"
        + "platforms: { example: { endpoints: [ tcp://192.0.2.1:443 ] } }\n");
    Path zero = dir.resolve("zero.yaml");
    Files.writeString(zero, "probe: { id: lab-1 }\ntimeouts: { endpoint: 0s }\n"
        + "platforms: { example: { endpoints: [ tcp://192.0.2.1:443 ] } }\n");

    assertEquals(Duration.ofSeconds(20), ConfigLoader.load(given).timeouts().endpoint());
    assertEquals(Duration.ofSeconds(20), ConfigLoader.load(derived).timeouts().endpoint());
    assertEquals(Duration.ofSeconds(80), Timeouts.DEFAULTS.endpoint());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(zero));
    assertEquals(2, e.problems().get(0).line());
  }

  /** Hostile input is bounded: deep nesting and huge files become problems, never a stack overflow or a hang. */
  @Test
  void deepNestingIsAProblemNotACrash(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deep.yaml");
    Files.writeString(file, "probe: { id: lab-1 }\nplatforms: " + "[".repeat(5000) + "\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(1, e.problems().size(), e::getMessage);
    assertTrue(e.problems().get(0).message().startsWith("YAML syntax error:"), e::getMessage);
    assertEquals(2, e.problems().get(0).line(), e::getMessage);
  }

  @Test
  void oversizedFileIsRefusedUnread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, "# " + "x".repeat(2 << 20) + "\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(List.of(new ConfigProblem(file.toString(), 0,
        "config file is larger than 1MiB (expected a few KiB of YAML)")), e.problems());
  }

  @Test
  void ipv6CidrsReadInFlowListsUnquoted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("v6.yaml");
    Files.writeString(file, "probe: { id: lab-1 }\ndns: { not_bogons: [ fd00::/8, 2001:db8::/32 ] }\n"
        + "platforms: { example: { endpoints: [ \"tcp://[2001:db8::1]:443\" ] } }\n");
    ProbeConfig c = ConfigLoader.load(file);
    assertEquals(List.of(Cidr.parse("fd00::/8"), Cidr.parse("2001:db8::/32")), c.notBogons());
    assertEquals("2001:db8::1", c.platforms().get(0).endpoints().get(0).host());
  }
}
