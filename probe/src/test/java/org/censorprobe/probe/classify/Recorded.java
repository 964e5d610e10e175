package org.censorprobe.probe.classify;

import static org.censorprobe.probe.observe.Operations.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.observe.CertificateInfo;
import org.censorprobe.probe.observe.DnsAnswer;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.Failure;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.TcpObservation;
import org.censorprobe.probe.observe.TlsObservation;

/** Builds recorded observations for classifier tests, as the engine records them. */
final class Recorded {
  static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  static final String SYSTEM = "system";
  static final String CONTROL_RESOLVER = "https://dns.control.example/dns-query";
  static final String NEUTRAL_SNI = "example.org";

  private Recorded() {}

  // --- single observations -------------------------------------------------------------------------------

  static DnsObservation dnsOk(String resolver, String host, String... addrs) {
    List<DnsAnswer> answers = new ArrayList<>();
    for (String a : addrs) answers.add(new DnsAnswer(host, a.contains(":") ? "AAAA" : "A", 300, a, isBogon(a)));
    return new DnsObservation(resolver, host, "A", 1, T0, 20, "NOERROR", List.of(), answers, null);
  }

  static DnsObservation dnsFail(String resolver, String host, String failure, int attempt) {
    String rcode = failure.equals("dns_nxdomain_error") ? "NXDOMAIN" : failure.equals("generic_timeout_error") ? null : "SERVFAIL";
    return new DnsObservation(resolver, host, "A", attempt, T0, 20, rcode, List.of(), List.of(), Failure.of(failure, RESOLVE));
  }

  static boolean isBogon(String a) {
    return a.startsWith("10.") || a.startsWith("127.") || a.startsWith("192.168.") || a.startsWith("0.");
  }

  static TcpObservation tcpOk(String addr, int port) {
    return new TcpObservation(addr, port, 1, T0, 30, null);
  }

  static TcpObservation tcpFail(String addr, int port, String failure, int attempt) {
    return new TcpObservation(addr, port, attempt, T0, 30, Failure.of(failure, CONNECT));
  }

  static CertificateInfo cert(String subject, String issuer) {
    return new CertificateInfo(subject, issuer, "01", "ab", T0.minusSeconds(86400), T0.plusSeconds(86400 * 90), List.of());
  }

  static TlsObservation tlsOk(String addr, String sni, double ms) {
    return new TlsObservation(addr, 443, sni, 1, T0, ms, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2",
        List.of(cert("CN=" + sni, "CN=R11,O=Let's Encrypt,C=US")), null, null);
  }

  static TlsObservation tlsFail(String addr, String sni, String failure, int attempt) {
    return new TlsObservation(addr, 443, sni, attempt, T0, 50, null, null, null, List.of(), Failure.of(failure, TLS_HANDSHAKE), null);
  }

  /** Handshake completed, validation failed: the chain is recorded. */
  static TlsObservation tlsInvalid(String addr, String sni, String validationFailure, CertificateInfo... chain) {
    return new TlsObservation(addr, 443, sni, 1, T0, 50, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null, List.of(chain),
        null, Failure.of(validationFailure, TLS_VALIDATION));
  }

  static HttpExchange http(String url, String addr, int status, String title, String body) {
    return new HttpExchange(url, addr, 1, T0, 100, status, Map.of("Content-Type", List.of("text/html")),
        body.length(), false, "sha", title, body, 80.0, 50_000.0, null);
  }

  static HttpExchange httpTimed(String url, String addr, double ttfbMs, long bodyLength, double bytesPerSecond) {
    return new HttpExchange(url, addr, 1, T0, 100, 200, Map.of(), bodyLength, false, "sha", "Home", "<html>",
        ttfbMs, bytesPerSecond, null);
  }

  static HttpExchange httpFail(String url, String addr, String failure, int attempt) {
    return new HttpExchange(url, addr, attempt, T0, 100, 0, Map.of(), 0, false, null, null, null, null, null,
        Failure.of(failure, HTTP_REQUEST));
  }

  // --- endpoints -----------------------------------------------------------------------------------------

  static final class EndpointBuilder {
    private final Endpoint endpoint;
    private final List<DnsObservation> dns = new ArrayList<>(), controlDns = new ArrayList<>();
    private final List<TcpObservation> tcp = new ArrayList<>();
    private final List<TlsObservation> tls = new ArrayList<>(), swap = new ArrayList<>();
    private final List<HttpExchange> http = new ArrayList<>();
    private RemoteView remote;

    EndpointBuilder(String spec) {
      this.endpoint = Endpoint.parse(spec);
    }

    String host() {
      return endpoint.host();
    }

    EndpointBuilder dns(DnsObservation... d) { dns.addAll(List.of(d)); return this; }
    EndpointBuilder controlDns(DnsObservation... d) { controlDns.addAll(List.of(d)); return this; }
    EndpointBuilder tcp(TcpObservation... t) { tcp.addAll(List.of(t)); return this; }
    EndpointBuilder tls(TlsObservation... t) { tls.addAll(List.of(t)); return this; }
    EndpointBuilder sniSwap(TlsObservation... t) { swap.addAll(List.of(t)); return this; }
    EndpointBuilder http(HttpExchange... h) { http.addAll(List.of(h)); return this; }
    EndpointBuilder remote(RemoteView r) { remote = r; return this; }

    /** Both resolvers agree on {@code addr}. */
    EndpointBuilder resolves(String addr) {
      return dns(dnsOk(SYSTEM, host(), addr)).controlDns(dnsOk(CONTROL_RESOLVER, host(), addr));
    }

    EndpointObservations observations() {
      return new EndpointObservations(endpoint, T0, 500, dns, controlDns, tcp, tls, swap, http);
    }

    EndpointEvidence build() {
      return new EndpointEvidence(observations(), remote);
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

  // --- controls ------------------------------------------------------------------------------------------

  static ControlObservations controlOk(String spec, String addr, boolean domestic) {
    return new ControlObservations(new ControlTarget(Endpoint.parse(spec), domestic),
        healthyHttps(spec, addr, 100).observations());
  }

  static ControlObservations controlTimingOut(String spec, String addr, boolean domestic) {
    EndpointBuilder b = endpoint(spec).resolves(addr).tcp(tcpFail(addr, 443, "generic_timeout_error", 1),
        tcpFail(addr, 443, "generic_timeout_error", 2));
    return new ControlObservations(new ControlTarget(Endpoint.parse(spec), domestic), b.observations());
  }

  static List<ControlObservations> healthyControls() {
    return List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://control-b.example/", "203.0.113.11", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
  }

  // --- remote vantage ------------------------------------------------------------------------------------

  static RemoteView remoteSaw(String addr, boolean tcpOk, boolean tlsOk, int status) {
    String k = RemoteView.key(addr, 443);
    return new RemoteView("helper-1", true, null, new RemoteView.Dns(null, List.of(addr)),
        Map.of(k, new RemoteView.Tcp(tcpOk, tcpOk ? null : "generic_timeout_error")),
        Map.of(k, new RemoteView.Tls("x", tlsOk, tlsOk ? null : "generic_timeout_error")),
        new RemoteView.Http(status == 0 ? "generic_timeout_error" : null, status, 1000, "Home"));
  }

  // --- rounds --------------------------------------------------------------------------------------------

  static RoundObservations round(List<ControlObservations> controls, PlatformObservations... platforms) {
    return new RoundObservations(List.of(platforms), controls, ThrottleHistory.EMPTY);
  }

  static PlatformObservations platform(String id, EndpointEvidence... endpoints) {
    return new PlatformObservations(id, id.substring(0, 1).toUpperCase() + id.substring(1), List.of(endpoints));
  }

  static Classifier classifier() {
    return new Classifier(ClassifierSettings.DEFAULTS, Fingerprints.load(List.of()));
  }
}
