package org.censorprobe.probe.ooni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.junit.jupiter.api.Test;

/**
 * One exported line pinned byte for byte (ooni/golden-censorprobe_web.jsonl): a change of the OONI export shows
 * here as a diff to review. The record uses every step: DNS with a late reply and a failed extra resolver, the
 * control resolver, a retried connect, an interception chain, the SNI swap, a redirect, the remote vantage, a
 * verdict with its facts and an earlier judgement.
 */
class OoniGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-12-01T10:00:00.250Z");
  static final Instant ROUND_START = Instant.parse("2026-12-01T09:59:58.900Z");
  static final OoniWriter.Software SOFTWARE = new OoniWriter.Software("0.1.0", "linux", "amd64");
  static final IpAddress V4 = IpAddress.parse("157.240.1.35");
  static final IpAddress BLOCKPAGE = IpAddress.parse("10.10.34.36");

  @Test
  void oneExportedLineIsPinned() throws Exception {
    String line = new OoniWriter(SOFTWARE).line(record(), ROUND_START);
    String golden;
    try (InputStream in = getClass().getResourceAsStream("/ooni/golden-censorprobe_web.jsonl")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    assertEquals(JSON.readTree(golden).toPrettyString(), JSON.readTree(line).toPrettyString());
    assertEquals(golden, line, "the same keys in the same order");
    assertTrue(OoniSpec.load().problems(line).isEmpty(), () -> OoniSpec.load().problems(line).toString());
  }

  @Test
  void theKeysSayWhatWasMeasuredAndNothingElse() throws Exception {
    JsonNode m = JSON.readTree(new OoniWriter(SOFTWARE).line(record(), ROUND_START));
    assertEquals("2026-12-01 10:00:00", m.path("measurement_start_time").asText());
    assertEquals("2026-12-01 09:59:58", m.path("test_start_time").asText());
    assertEquals("20261201T095958Z_censorprobe_KZ_9198_", m.path("report_id").asText().substring(0, 37));
    assertEquals("https://www.facebook.com/", m.path("input").asText());
    JsonNode q = m.at("/test_keys/queries/0");
    assertEquals(0.25, q.path("t0").asDouble(), 1e-9, "seconds since measurement_start_time (10:00:00)");
    assertEquals(3, m.at("/test_keys/queries/1/rcode").asInt(), "NXDOMAIN as OONI's integer rcode");
    assertEquals("9.9.9.9:53", m.at("/test_keys/queries/1/resolver_address").asText());
    JsonNode budget = m.at("/test_keys/tcp_connect/1/status");
    assertEquals("unknown_failure: budget_exhausted", budget.path("failure").asText());
    assertEquals("budget_exhausted", budget.path("x_censorprobe_failure").asText());
    assertNull(m.at("/test_keys/tcp_connect/0/status/x_censorprobe_failure").textValue(),
        "an OONI string that means the same needs no translation");
    JsonNode tls = m.at("/test_keys/tls_handshakes/0");
    assertEquals("ssl_unknown_authority", tls.path("failure").asText());
    assertFalse(tls.has("peer_certificates"));
    assertEquals("blocked", m.at("/test_keys/x_censorprobe_verdict").asText());
    assertEquals("dns.injected", m.at("/test_keys/x_censorprobe_method").asText());
    assertEquals("An older, wrong verdict.", m.at("/test_keys/x_censorprobe_previous/0/evidence").asText());
    assertEquals("2.0.0", m.at("/test_keys/x_censorprobe_classifier/version").asText());
  }

  @Test
  void theValidatorCatchesWhatTheSpecForbids() throws Exception {
    OoniSpec spec = OoniSpec.load();
    ObjectNode m = (ObjectNode) JSON.readTree(new OoniWriter(SOFTWARE).line(record(), ROUND_START));
    m.remove("probe_cc");
    m.put("test_runtime", "1.2");
    m.put("bucket_date", "2026-12-01");
    m.put("probe_asn", "64500");
    ((ObjectNode) m.path("test_keys")).put("verdict", "blocked");
    ((ObjectNode) m.at("/test_keys/tcp_connect/0/status")).put("failure", "refused by the censor");
    ((ObjectNode) m.path("extensions")).remove("httpt");
    ((ObjectNode) m.at("/test_keys/requests/0/response")).remove("code");
    String problems = String.join("\n", spec.problems(m.toString()));
    for (String expected : List.of("$: no probe_cc", "$.test_runtime: string", "$.bucket_date: clients",
        "$.probe_asn: '64500' does not match", "$.test_keys.verdict: not a key of test_keys",
        "$.test_keys.tcp_connect[0].status.failure: 'refused by the censor' is not a failure string",
        "$.extensions: no httpt", "$.test_keys.requests[0].response: no code")) {
      assertTrue(problems.contains(expected), () -> "'" + expected + "' not in\n" + problems);
    }
  }

  static Measurement record() {
    Endpoint e = Endpoint.parse("https://www.facebook.com/");
    DnsObservation injected = new DnsObservation("system", "www.facebook.com", QueryType.A, 1, T, 3.0, "NOERROR",
        List.of(), List.of(DnsAnswer.address("www.facebook.com", 60, BLOCKPAGE, true)), null,
        List.of(new DnsReply(41.2, "NOERROR", List.of(DnsAnswer.address("www.facebook.com", 60, V4, false)))));
    DnsObservation nx = new DnsObservation("udp://9.9.9.9:53", "www.facebook.com", QueryType.A, 1, T, 12.5,
        "NXDOMAIN", List.of(), List.of(), Failure.of(FailureType.DNS_NXDOMAIN, Operation.RESOLVE), List.of());
    DnsObservation control = new DnsObservation("https://dns.quad9.net/dns-query", "www.facebook.com", QueryType.A,
        1, T, 40.0, "NOERROR", List.of("star-mini.c10r.facebook.com"), List.of(
        DnsAnswer.cname("www.facebook.com", 300, "star-mini.c10r.facebook.com"),
        DnsAnswer.address("star-mini.c10r.facebook.com", 60, V4, false)), null, List.of());
    CertificateInfo leaf = new CertificateInfo("CN=www.facebook.com", "CN=Security Certificate,C=KZ", "0a1b",
        "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
        List.of("www.facebook.com"));
    EndpointObservations o = new EndpointObservations(e, T, 2345.6, List.of(injected, nx), List.of(control),
        List.of(new TcpObservation(V4, 443, 1, T.plusMillis(50), 20.0, null, 1),
            new TcpObservation(V4, 443, 2, T.plusMillis(80), 1.5,
                Failure.of(FailureType.BUDGET_EXHAUSTED, Operation.CONNECT), 2)),
        List.of(new TlsObservation(V4, 443, "www.facebook.com", 1, T.plusMillis(70), 40.5, "TLSv1.3",
            "TLS_AES_128_GCM_SHA256", "http/1.1", List.of(leaf), null,
            new Failure(FailureType.SSL_UNKNOWN_AUTHORITY, Operation.TLS_VALIDATION, "PKIX path building failed"),
            1)),
        List.of(new TlsObservation(V4, 443, "example.org", 1, T.plusMillis(120), 33.3, null, null, null, List.of(),
            new Failure(FailureType.CONNECTION_RESET, Operation.TLS_HANDSHAKE, "Connection reset"), null, 3)),
        List.of(new HttpExchange("GET", "https://www.facebook.com/", V4, 1, T.plusMillis(111), 99.9, 302,
                Map.of("Location", List.of("http://blocked.kz/"), "Set-Cookie", List.of("a=1", "b=2")), 0, false,
                null, null, "", 45.6, null, null, 1),
            new HttpExchange("GET", "http://blocked.kz/", BLOCKPAGE, 1, T.plusMillis(250), 80.0, 200,
                Map.of("Content-Type", List.of("text/html")), 5120, true, "cd".repeat(32), "Access denied",
                "<html><title>Access denied</title>", 30.0, 64000.0, null, 4)),
        new HelperObservation("https://th.example.net/", T, 456.7, List.of(
            new HelperObservation.Attempt("https://th.example.net/", 456.7, 200, null)),
            "{\"dns\":{\"failure\":null,\"addrs\":[\"157.240.1.35\"]},\"x_client_address\":\"[scrubbed]\"}"));
    List<Fact> facts = List.of(
        new Fact.Host("www.facebook.com"),
        new Fact.DnsInjection("system", QueryType.A, List.of(BLOCKPAGE), List.of(V4)),
        new Fact.Certificate(new IpPort(V4, 443), "www.facebook.com", leaf.issuer(), leaf.subject(),
            FailureType.SSL_UNKNOWN_AUTHORITY, "kz_qaznet"),
        new Fact.HttpResponse("http://blocked.kz/", BLOCKPAGE, 200, "Access denied", false, false));
    Interpretation own = new Interpretation(Verdict.BLOCKED, Method.DNS_INJECTED, Confidence.HIGH,
        "Blocked (DNS injection): the system resolver's reply came twice.", facts);
    RoundContext round = new RoundContext(2, 2, 1, 1, LocalNetwork.UP, List.of(
        new ResolverBaseline("system", ResolverRole.SYSTEM, 2, 2),
        new ResolverBaseline("https://dns.quad9.net/dns-query", ResolverRole.CONTROL, 2, 2)));
    PlatformVerdict pv = new PlatformVerdict(new Interpretation(Verdict.BLOCKED, Method.DNS_INJECTED,
        Confidence.HIGH, "Facebook is blocked.", List.of()), List.of(e.spec()));
    Judgement old = new Judgement(new Interpretation(Verdict.BLOCKED, Method.DNS_FAILURE, Confidence.MEDIUM,
        "An older, wrong verdict.", List.of()), null, round, new ClassifierVersion("1.0.0", null),
        T.plusSeconds(3));
    return new Measurement("6f1c0c3e-0000-4000-8000-000000000001", "round-7", T,
        new ProbeIdentity("kz-almaty-1", "KZ", "Kazakhtelecom", 9198), Role.PLATFORM, "facebook", "Facebook", false,
        e.spec(), null, null, o, new Judgement(own, pv, round, new ClassifierVersion("2.0.0",
        LocalDate.parse("2026-12-01")), T.plusSeconds(5)), List.of(old));
  }
}
