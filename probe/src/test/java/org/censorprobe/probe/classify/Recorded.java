package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.Operation.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.ClassifierSettings;

/** Builds records of recorded observations for classifier tests, as the engine records them. */
final class Recorded {
  static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  static final String SYSTEM = "system";
  static final String CONTROL_RESOLVER = "https://dns.control.example/dns-query";
  static final String EXTRA1 = "udp://192.0.2.53:53";
  static final String EXTRA2 = "udp://198.51.100.53:53";
  static final String NEUTRAL_SNI = "example.org";
  static final ProbeIdentity PROBE = new ProbeIdentity("test-1", "KZ", "Testnet", 64500);
  static final String ROUND = "round-1";

  private Recorded() {}

  static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  // --- single observations -------------------------------------------------------------------------------

  /** One query per address family present, as the engine asks A and AAAA. */
  static List<DnsObservation> dnsOk(String resolver, String host, String... addrs) {
    List<DnsAnswer> a4 = new ArrayList<>(), a6 = new ArrayList<>();
    for (String a : addrs) {
      IpAddress x = ip(a);
      (x.family() == IpAddress.Family.IPV4 ? a4 : a6).add(DnsAnswer.address(host, 300, x, isBogon(x)));
    }
    List<DnsObservation> out = new ArrayList<>();
    out.add(new DnsObservation(resolver, host, QueryType.A, 1, T0, 20, "NOERROR", List.of(), a4,
        a4.isEmpty() ? Failure.of(FailureType.DNS_NO_ANSWER, RESOLVE) : null, List.of()));
    if (!a6.isEmpty()) {
      out.add(new DnsObservation(resolver, host, QueryType.AAAA, 1, T0, 20, "NOERROR", List.of(), a6, null, List.of()));
    }
    return out;
  }

  static DnsObservation dnsFail(String resolver, String host, FailureType failure, int attempt) {
    String rcode = failure == FailureType.DNS_NXDOMAIN ? "NXDOMAIN" : failure == FailureType.TIMEOUT ? null
        : failure == FailureType.DNS_SERVFAIL ? "SERVFAIL" : "REFUSED";
    return new DnsObservation(resolver, host, QueryType.A, attempt, T0, 20, rcode, List.of(), List.of(),
        Failure.of(failure, RESOLVE), List.of());
  }

  /** The first reply says {@code first}; a second reply to the same query, later, says {@code late}. */
  static DnsObservation dnsTwoReplies(String resolver, String host, String first, String late) {
    return new DnsObservation(resolver, host, QueryType.A, 1, T0, 5, "NOERROR", List.of(),
        List.of(DnsAnswer.address(host, 60, ip(first), isBogon(ip(first)))), null,
        List.of(new DnsReply(40, "NOERROR", List.of(DnsAnswer.address(host, 60, ip(late), isBogon(ip(late)))))));
  }

  static boolean isBogon(IpAddress a) {
    String s = a.toString();
    return s.startsWith("10.") || s.startsWith("127.") || s.startsWith("192.168.") || s.startsWith("0.")
        || s.startsWith("fd") || s.equals("::1");
  }

  static TcpObservation tcpOk(String addr, int port) {
    return new TcpObservation(ip(addr), port, 1, T0, 30, null, 0);
  }

  static TcpObservation tcpFail(String addr, int port, FailureType failure, int attempt) {
    return new TcpObservation(ip(addr), port, attempt, T0, 30, Failure.of(failure, CONNECT), 0);
  }

  static CertificateInfo cert(String subject, String issuer) {
    return new CertificateInfo(subject, issuer, "01", "ab", T0.minusSeconds(86400), T0.plusSeconds(86400 * 90),
        List.of());
  }

  static TlsObservation tlsOk(String addr, String sni, double ms) {
    return new TlsObservation(ip(addr), 443, sni, 1, T0, ms, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2",
        List.of(cert("CN=" + sni, "CN=R11,O=Let's Encrypt,C=US")), null, null, 0);
  }

  static TlsObservation tlsFail(String addr, String sni, FailureType failure, int attempt) {
    return new TlsObservation(ip(addr), 443, sni, attempt, T0, 50, null, null, null, List.of(),
        Failure.of(failure, TLS_HANDSHAKE), null, 0);
  }

  /** Handshake completed, validation failed: the chain is recorded. */
  static TlsObservation tlsInvalid(String addr, String sni, FailureType validationFailure, CertificateInfo... chain) {
    return new TlsObservation(ip(addr), 443, sni, 1, T0, 50, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null,
        List.of(chain), null, Failure.of(validationFailure, TLS_VALIDATION), 0);
  }

  static HttpExchange http(String url, String addr, int status, String title, String body) {
    return new HttpExchange("GET", url, ip(addr), 1, T0, 100, status, Map.of("content-type", List.of("text/html")),
        body.length(), false, "sha-" + Integer.toHexString(body.hashCode()), title, body, 80.0, 50_000.0, null, 0);
  }

  static HttpExchange httpTimed(String url, String addr, double ttfbMs, long bodyLength, double bytesPerSecond) {
    return new HttpExchange("GET", url, ip(addr), 1, T0, 100, 200, Map.of(), bodyLength, false, "sha", "Home",
        "<html>", ttfbMs, bytesPerSecond, null, 0);
  }

  static HttpExchange httpFail(String url, String addr, FailureType failure, int attempt) {
    return new HttpExchange("GET", url, ip(addr), attempt, T0, 100, 0, Map.of(), 0, false, null, null, null, null,
        null, Failure.of(failure, HTTP_REQUEST), 0);
  }

  // --- endpoints -----------------------------------------------------------------------------------------

  static final class EndpointBuilder {
    final Endpoint endpoint;
    private final List<DnsObservation> dns = new ArrayList<>(), controlDns = new ArrayList<>();
    private final List<TcpObservation> tcp = new ArrayList<>();
    private final List<TlsObservation> tls = new ArrayList<>(), swap = new ArrayList<>();
    private final List<HttpExchange> http = new ArrayList<>();
    private HelperObservation helper;

    EndpointBuilder(String spec) {
      this.endpoint = Endpoint.parse(spec);
    }

    String host() {
      return endpoint.host();
    }

    EndpointBuilder dns(DnsObservation... d) { dns.addAll(List.of(d)); return this; }
    EndpointBuilder dns(List<DnsObservation> d) { dns.addAll(d); return this; }
    EndpointBuilder controlDns(DnsObservation... d) { controlDns.addAll(List.of(d)); return this; }
    EndpointBuilder controlDns(List<DnsObservation> d) { controlDns.addAll(d); return this; }
    EndpointBuilder tcp(TcpObservation... t) { tcp.addAll(List.of(t)); return this; }
    EndpointBuilder tls(TlsObservation... t) { tls.addAll(List.of(t)); return this; }
    EndpointBuilder sniSwap(TlsObservation... t) { swap.addAll(List.of(t)); return this; }
    EndpointBuilder http(HttpExchange... h) { http.addAll(List.of(h)); return this; }
    EndpointBuilder helper(HelperObservation h) { helper = h; return this; }

    /** The system and the control resolver agree on {@code addrs}. */
    EndpointBuilder resolves(String... addrs) {
      return dns(dnsOk(SYSTEM, host(), addrs)).controlDns(dnsOk(CONTROL_RESOLVER, host(), addrs));
    }

    EndpointObservations observations() {
      return new EndpointObservations(endpoint, T0, 500, dns, controlDns, tcp, tls, swap, http, helper);
    }
  }

  static EndpointBuilder endpoint(String spec) {
    return new EndpointBuilder(spec);
  }

  /** An https endpoint where every step worked against {@code addr}. */
  static EndpointBuilder healthyHttps(String spec, String addr, double handshakeMs) {
    EndpointBuilder b = endpoint(spec);
    return b.resolves(addr).tcp(tcpOk(addr, 443)).tls(tlsOk(addr, b.host(), handshakeMs))
        .http(http(spec, addr, 200, "Home", "<html><title>Home</title></html>"));
  }

  // --- records -------------------------------------------------------------------------------------------

  static Measurement platform(String id, EndpointBuilder b) {
    EndpointObservations o = b.observations();
    return new Measurement(UUID.randomUUID().toString(), ROUND, T0, PROBE, Role.PLATFORM, id,
        id.substring(0, 1).toUpperCase() + id.substring(1), false, o.endpoint().spec(), null, null, o, null,
        List.of());
  }

  static Measurement control(EndpointBuilder b, boolean domestic) {
    return control(b, domestic, null);
  }

  static Measurement control(EndpointBuilder b, boolean domestic, ContentExpectation expect) {
    EndpointObservations o = b.observations();
    return new Measurement(UUID.randomUUID().toString(), ROUND, T0, PROBE, Role.CONTROL, Measurement.CONTROL_PLATFORM,
        "Control", domestic, o.endpoint().spec(), null, expect, o, null, List.of());
  }

  static Measurement controlOk(String spec, String addr, boolean domestic) {
    return control(healthyHttps(spec, addr, 100), domestic);
  }

  static Measurement controlTimingOut(String spec, String addr, boolean domestic) {
    return control(endpoint(spec).resolves(addr).tcp(tcpFail(addr, 443, FailureType.TIMEOUT, 1),
        tcpFail(addr, 443, FailureType.TIMEOUT, 2)), domestic);
  }

  static List<Measurement> healthyControls() {
    return List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://control-b.example/", "203.0.113.11", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
  }

  // --- remote vantage ------------------------------------------------------------------------------------

  /** A helper's answer in the test-helper format: what it saw for {@code addr}:443. */
  static HelperObservation remoteSaw(String addr, boolean tcpOk, boolean tlsOk, int status) {
    String k = ip(addr).forUrl() + ":443";
    String json = "{\"dns\":{\"failure\":null,\"addrs\":[\"" + addr + "\"]},"
        + "\"tcp_connect\":{\"" + k + "\":{\"status\":" + tcpOk + ",\"failure\":" + (tcpOk ? "null" : "\"generic_timeout_error\"") + "}},"
        + "\"tls_handshake\":{\"" + k + "\":{\"server_name\":\"x\",\"status\":" + tlsOk + ",\"failure\":"
        + (tlsOk ? "null" : "\"generic_timeout_error\"") + "}},"
        + "\"http_request\":" + (status < 0 ? "null" : "{\"body_length\":1000,\"failure\":" + (status == 0
        ? "\"generic_timeout_error\"" : "null") + ",\"title\":\"Home\",\"headers\":{},\"status_code\":" + status + "}")
        + "}";
    return new HelperObservation("helper-1", T0, 100, List.of(new HelperObservation.Attempt("helper-1", 100, 200, null)),
        json);
  }

  static HelperObservation remoteUnreachable() {
    return new HelperObservation(null, T0, 100, List.of(new HelperObservation.Attempt("helper-1", 100, 0,
        Failure.of(FailureType.TIMEOUT, CONNECT))), null);
  }

  // --- rounds --------------------------------------------------------------------------------------------

  static RoundRecords round(List<Measurement> controls, Measurement... platforms) {
    return new RoundRecords(ROUND, List.of(platforms), controls);
  }

  static Classifier classifier() {
    return new Classifier(ClassifierSettings.DEFAULTS, Fingerprints.load(List.of()));
  }

  static JudgedRound judge(RoundRecords round) {
    return classifier().judge(round, ThrottleHistory.EMPTY, T0);
  }

  /** The judgement of the endpoint {@code spec} of platform {@code id}. */
  static Interpretation of(JudgedRound r, String id, String spec) {
    return r.platforms().stream().filter(m -> m.platform().equals(id) && m.endpoint().equals(spec)).findFirst()
        .orElseThrow(() -> new AssertionError("no record for " + id + " " + spec)).judgement().interpretation();
  }

  static Interpretation resolver(JudgedRound r, String label) {
    return r.resolvers().stream().filter(m -> m.endpoint().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no resolver record for " + label)).judgement().interpretation();
  }

  static Interpretation controlOf(JudgedRound r, String spec) {
    return r.controls().stream().filter(m -> m.endpoint().equals(spec)).findFirst()
        .orElseThrow(() -> new AssertionError("no control " + spec)).judgement().interpretation();
  }

}
