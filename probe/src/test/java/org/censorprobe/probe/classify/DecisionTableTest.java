package org.censorprobe.probe.classify;

import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per row of the decision table in docs/classification.md, each named after its row. */
class DecisionTableTest {
  private static final Classifier CLASSIFIER = classifier();
  private static final String FB = "https://www.facebook.com/";
  private static final String FB_IP = "157.240.1.35";

  private static Classification only(RoundObservations round) {
    RoundVerdicts v = CLASSIFIER.classify(round);
    PlatformObservations p = round.platforms().get(0);
    return v.endpoint(p.platformId(), p.endpoints().get(0).spec());
  }

  private static Classification alone(EndpointEvidence e) {
    return only(round(healthyControls(), platform("facebook", e)));
  }

  private static void assertVerdict(Classification c, Verdict v, String method, Confidence conf) {
    assertAll(c.evidence(),
        () -> assertEquals(v, c.verdict(), "verdict"),
        () -> assertEquals(method, c.method(), "method"),
        () -> assertEquals(conf, c.confidence(), "confidence"));
  }

  /** TCP times out to the platform's address (both attempts). */
  private static EndpointBuilder tcpTimesOut(String spec, String addr) {
    return endpoint(spec).resolves(addr).tcp(tcpFail(addr, 443, "generic_timeout_error", 1),
        tcpFail(addr, 443, "generic_timeout_error", 2));
  }

  // --- round ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("network.down: every control failed, so a platform failure is technical, even a blockpage")
  void networkDown() {
    List<ControlObservations> down = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://kz-control.example/", "198.51.100.7", true));
    EndpointEvidence blockpage = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, "www.facebook.com", 80))
        .http(http(FB, FB_IP, 200, "Блокировка", "<p>Страница заблокирована</p>")).build();
    RoundVerdicts v = CLASSIFIER.classify(round(down, platform("facebook", tcpTimesOut(FB, FB_IP).build()),
        platform("vk", blockpage)));
    assertVerdict(v.endpoint("facebook", FB), Verdict.TECHNICAL, Methods.NETWORK_DOWN, Confidence.HIGH);
    assertVerdict(v.endpoint("vk", FB), Verdict.TECHNICAL, Methods.NETWORK_DOWN, Confidence.HIGH);
    assertEquals(LocalNetwork.DOWN, v.summary().localNetwork());
    assertEquals(Methods.NETWORK_DOWN, v.controls().get("https://control-a.example/").method());
  }

  @Test
  @DisplayName("network.gateway_cut: international controls down, domestic up: technical, shutdown-shaped")
  void networkGatewayCut() {
    List<ControlObservations> cut = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    RoundVerdicts v = CLASSIFIER.classify(round(cut, platform("facebook", tcpTimesOut(FB, FB_IP).build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.TECHNICAL, Methods.NETWORK_GATEWAY_CUT, Confidence.HIGH);
    assertEquals(new RoundSummary(2, 1, 1, 1, LocalNetwork.GATEWAY_CUT), v.summary());
    assertEquals(Verdict.OK, v.controls().get("https://kz-control.example/").verdict());
  }

  // --- dns -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("dns.bogon: a private address for a public name is tampering")
  void dnsBogon() {
    EndpointEvidence e = endpoint(FB).dns(dnsOk(SYSTEM, "www.facebook.com", "10.10.34.35"))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP))
        .tcp(tcpFail("10.10.34.35", 443, "connection_refused", 1)).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Methods.DNS_BOGON, Confidence.HIGH);
    assertEquals(List.of("10.10.34.35"), c.facts().get("bogon_answers"));
    assertEquals(List.of(FB_IP), c.facts().get("control_answers"));
  }

  @Test
  @DisplayName("dns.known_blocking_address: an answer from the blocking-address fingerprints")
  void dnsKnownBlockingAddress() throws Exception {
    Fingerprints fp = new Fingerprints(Fingerprints.read(new java.io.StringReader(
        "{\"type\":\"dns_blocking_address\",\"id\":\"test_sinkhole\",\"pattern\":\"198.18.7.7\",\"pattern_type\":\"exact\",\"source\":\"test\"}"), "t"));
    EndpointEvidence e = endpoint(FB).dns(dnsOk(SYSTEM, "www.facebook.com", "198.18.7.7"))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).build();
    RoundVerdicts v = new Classifier(org.censorprobe.probe.config.ClassifierSettings.DEFAULTS, fp)
        .classify(round(healthyControls(), platform("facebook", e)));
    Classification c = v.endpoint("facebook", FB);
    assertVerdict(c, Verdict.BLOCKED, Methods.DNS_KNOWN_BLOCKING_ADDRESS, Confidence.HIGH);
    assertEquals("test_sinkhole", c.facts().get("fingerprint"));
  }

  @Test
  @DisplayName("dns.nxdomain: NXDOMAIN locally while the control resolver answered")
  void dnsNxdomain() {
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "dns_nxdomain_error", 1),
            dnsFail(SYSTEM, "www.facebook.com", "dns_nxdomain_error", 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).build();
    assertVerdict(alone(e), Verdict.BLOCKED, Methods.DNS_NXDOMAIN, Confidence.HIGH);
  }

  @Test
  @DisplayName("target.gone: NXDOMAIN at the control resolver too")
  void targetGone() {
    EndpointEvidence e = endpoint("https://gone.example/").dns(dnsFail(SYSTEM, "gone.example", "dns_nxdomain_error", 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "gone.example", "dns_nxdomain_error", 1)).build();
    assertVerdict(alone(e), Verdict.TECHNICAL, Methods.TARGET_GONE, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.nxdomain inconclusive: NXDOMAIN locally, control resolver unreachable")
  void dnsNxdomainControlResolverUnreachable() {
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "dns_nxdomain_error", 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "www.facebook.com", "generic_timeout_error", 1)).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.DNS_NXDOMAIN, Confidence.LOW);
    assertEquals(List.of("control_resolver"), c.facts().get("missing"));
  }

  @Test
  @DisplayName("dns.resolver_down: the local resolver fails the controls' names too")
  void dnsResolverDown() {
    EndpointBuilder named = endpoint("https://control-a.example/")
        .dns(dnsFail(SYSTEM, "control-a.example", "generic_timeout_error", 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, "control-a.example", "203.0.113.10"));
    ControlObservations failing = new ControlObservations(
        new org.censorprobe.probe.config.ControlTarget(org.censorprobe.probe.config.Endpoint.parse("https://control-a.example/"), false),
        named.observations());
    ControlObservations literal = new ControlObservations(
        new org.censorprobe.probe.config.ControlTarget(org.censorprobe.probe.config.Endpoint.parse("https://203.0.113.11/"), false),
        endpoint("https://203.0.113.11/").tcp(tcpOk("203.0.113.11", 443)).tls(tlsOk("203.0.113.11", "203.0.113.11", 90))
            .http(http("https://203.0.113.11/", "203.0.113.11", 200, "ok", "ok")).observations());
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "generic_timeout_error", 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).build();
    RoundVerdicts v = CLASSIFIER.classify(round(List.of(failing, literal), platform("facebook", e)));
    assertVerdict(v.endpoint("facebook", FB), Verdict.TECHNICAL, Methods.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertEquals(LocalNetwork.DEGRADED, v.summary().localNetwork());
  }

  @Test
  @DisplayName("dns.timeout: local resolver times out for this name only, the control resolver answers it")
  void dnsTimeout() {
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "generic_timeout_error", 1),
            dnsFail(SYSTEM, "www.facebook.com", "generic_timeout_error", 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).build();
    assertVerdict(alone(e), Verdict.BLOCKED, Methods.DNS_TIMEOUT, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("target.down (dns): the control resolver times out for the name too: not blocking")
  void dnsTimeoutAtBothResolvers() {
    EndpointEvidence e = endpoint("https://slow.example/").dns(dnsFail(SYSTEM, "slow.example", "generic_timeout_error", 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "slow.example", "generic_timeout_error", 1)).build();
    assertVerdict(alone(e), Verdict.TECHNICAL, Methods.TARGET_DOWN, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("dns.inconsistent: other addresses locally, and the server there has a certificate for another name")
  void dnsInconsistent() {
    String fake = "95.56.1.1";
    EndpointEvidence e = endpoint(FB).dns(dnsOk(SYSTEM, "www.facebook.com", fake))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).tcp(tcpOk(fake, 443))
        .tls(tlsInvalid(fake, "www.facebook.com", "ssl_invalid_hostname", cert("CN=portal.isp.kz", "CN=R11,O=Let's Encrypt,C=US")))
        .build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Methods.DNS_INCONSISTENT, Confidence.HIGH);
    assertEquals(List.of(fake), c.facts().get("local_answers"));
  }

  @Test
  @DisplayName("dns.inconsistent high: a wrong certificate on the local answer while the control's address works")
  void dnsInconsistentWrongCertificateWhileControlAddressWorks() {
    String fake = "95.56.1.1";
    EndpointEvidence e = endpoint(FB).dns(dnsOk(SYSTEM, "www.facebook.com", fake))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).tcp(tcpOk(fake, 443), tcpOk(FB_IP, 443))
        .tls(tlsInvalid(fake, "www.facebook.com", "ssl_invalid_hostname", cert("CN=portal.isp.kz", "CN=R11,O=Let's Encrypt,C=US")),
            tlsOk(FB_IP, "www.facebook.com", 40))
        // HTTP goes where the user's resolver points, so it is HTTP that fails and decides the layer.
        .http(httpFail(FB, fake, "ssl_invalid_hostname", 1), httpFail(FB, fake, "ssl_invalid_hostname", 2))
        .build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Methods.DNS_INCONSISTENT, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.inconsistent inconclusive: plain HTTP loads from other addresses, no TLS proof")
  void dnsInconsistentWithoutTlsProof() {
    String spec = "http://news.example/";
    EndpointEvidence e = endpoint(spec).dns(dnsOk(SYSTEM, "news.example", "93.184.216.34"))
        .controlDns(dnsOk(CONTROL_RESOLVER, "news.example", "93.184.215.14")).tcp(tcpOk("93.184.216.34", 80))
        .http(http(spec, "93.184.216.34", 200, "News", "<title>News</title>")).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.DNS_INCONSISTENT, Confidence.LOW);
    assertEquals(List.of("tls_proof"), c.facts().get("missing"));
  }

  @Test
  @DisplayName("ok (dns consistent by TLS proof): different CDN addresses, valid certificate on the local one")
  void dnsConsistentByTlsProof() {
    String local = "157.240.9.35";
    EndpointEvidence e = endpoint(FB).dns(dnsOk(SYSTEM, "www.facebook.com", local))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).tcp(tcpOk(local, 443))
        .tls(tlsOk(local, "www.facebook.com", 80)).http(http(FB, local, 200, "Facebook", "<title>Facebook</title>")).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
    assertEquals("tls_proof", c.facts().get("dns_consistency"));
  }

  // --- tcp -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("tcp.refused inconclusive: refused and no remote vantage to tell a dead server from an IP block")
  void tcpRefusedWithoutRemote() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpFail(FB_IP, 443, "connection_refused", 1),
        tcpFail(FB_IP, 443, "connection_refused", 2)).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.TCP_REFUSED, Confidence.LOW);
    assertEquals(List.of("remote_vantage"), c.facts().get("missing"));
    assertEquals("none", c.facts().get("helper"));
  }

  @Test
  @DisplayName("tcp.timeout: local connect times out, the remote vantage connected to the same address")
  void tcpTimeout() {
    Classification c = alone(tcpTimesOut(FB, FB_IP).remote(remoteSaw(FB_IP, true, true, 200)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TCP_TIMEOUT, Confidence.HIGH);
  }

  @Test
  @DisplayName("target.down: the remote vantage fails to connect too")
  void targetDown() {
    Classification c = alone(tcpTimesOut(FB, FB_IP).remote(remoteSaw(FB_IP, false, false, 0)).build());
    assertVerdict(c, Verdict.TECHNICAL, Methods.TARGET_DOWN, Confidence.HIGH);
  }

  @Test
  @DisplayName("remote unreachable: local evidence only, inconclusive, the helper's failure is in the facts")
  void remoteUnreachable() {
    Classification c = alone(tcpTimesOut(FB, FB_IP).remote(RemoteView.unreachable("helper-1", "connection_refused")).build());
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.TCP_TIMEOUT, Confidence.LOW);
    assertEquals(Map.of("id", "helper-1", "reachable", false, "reason", "connection_refused"), c.facts().get("helper"));
    assertTrue(c.evidence().contains("unreachable"), c.evidence());
  }

  @Test
  @DisplayName("cross-platform pattern: several platforms time out the same way under healthy controls: blocked medium")
  void crossPlatformPattern() {
    String yt = "https://www.youtube.com/";
    RoundVerdicts v = CLASSIFIER.classify(round(healthyControls(),
        platform("facebook", tcpTimesOut(FB, FB_IP).build()),
        platform("youtube", tcpTimesOut(yt, "142.250.74.14").build()),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90).build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.BLOCKED, Methods.TCP_TIMEOUT, Confidence.MEDIUM);
    assertEquals(List.of("facebook", "youtube"), v.endpoint("youtube", yt).facts().get("cross_platform"));
  }

  @Test
  @DisplayName("cross-platform pattern needs unrelated networks: Facebook and Instagram in Meta's /16 failing together is not it")
  void crossPlatformPatternSameProvider() {
    String ig = "https://www.instagram.com/";
    RoundVerdicts v = CLASSIFIER.classify(round(healthyControls(),
        platform("facebook", tcpTimesOut(FB, FB_IP).build()),
        platform("instagram", tcpTimesOut(ig, "157.240.9.174").build()),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90).build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.INCONCLUSIVE, Methods.TCP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("dns.servfail: name-specific SERVFAIL while the control resolver answers: blocked low (DNSSEC can do this)")
  void dnsServfail() {
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "dns_servfail_error", 1),
            dnsFail(SYSTEM, "www.facebook.com", "dns_servfail_error", 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.facebook.com", FB_IP)).build();
    assertVerdict(alone(e), Verdict.BLOCKED, Methods.DNS_SERVFAIL, Confidence.LOW);
  }

  @Test
  @DisplayName("everything failing: every platform fails the same way: weakens, stays inconclusive")
  void everythingFailing() {
    String yt = "https://www.youtube.com/";
    RoundVerdicts v = CLASSIFIER.classify(round(healthyControls(),
        platform("facebook", tcpTimesOut(FB, FB_IP).build()),
        platform("youtube", tcpTimesOut(yt, "142.250.74.14").build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.INCONCLUSIVE, Methods.TCP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("controls degraded: no pattern upgrade, and a remote success gives medium, not high")
  void controlsDegraded() {
    List<ControlObservations> degraded = List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://control-b.example/", "203.0.113.11", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    String yt = "https://www.youtube.com/";
    RoundVerdicts v = CLASSIFIER.classify(round(degraded,
        platform("facebook", tcpTimesOut(FB, FB_IP).build()),
        platform("youtube", tcpTimesOut(yt, "142.250.74.14").remote(remoteSaw("142.250.74.14", true, true, 200)).build()),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90).build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.INCONCLUSIVE, Methods.TCP_TIMEOUT, Confidence.LOW);
    assertVerdict(v.endpoint("youtube", yt), Verdict.BLOCKED, Methods.TCP_TIMEOUT, Confidence.MEDIUM);
    assertEquals(LocalNetwork.DEGRADED, v.summary().localNetwork());
  }

  @Test
  @DisplayName("probe.no_route: only IPv6 addresses and the probe has no IPv6")
  void probeNoRoute() {
    String v6 = "2a03:2880:f10c:83:face:b00c:0:25de";
    EndpointEvidence e = endpoint(FB).resolves(v6).tcp(tcpFail(v6, 443, "address_family_not_supported", 1)).build();
    assertVerdict(alone(e), Verdict.INCONCLUSIVE, Methods.PROBE_NO_ROUTE, Confidence.LOW);
  }

  // --- tls -----------------------------------------------------------------------------------------------

  private static EndpointBuilder tlsFails(String failure) {
    return endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443))
        .tls(tlsFail(FB_IP, "www.facebook.com", failure, 1), tlsFail(FB_IP, "www.facebook.com", failure, 2));
  }

  @Test
  @DisplayName("tls.sni_filtered: handshake times out with the platform's SNI, completes with the neutral SNI")
  void tlsSniFiltered() {
    Classification c = alone(tlsFails("generic_timeout_error").sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_SNI_FILTERED, Confidence.HIGH);
    assertEquals(Map.of("server_name", NEUTRAL_SNI, "handshake", "ok"), c.facts().get("sni_swap"));
    assertTrue(c.evidence().contains("example.org"), c.evidence());
    assertTrue(c.evidence().endsWith("; controls healthy (3/3 ok)."), c.evidence());
  }

  @Test
  @DisplayName("tls.sni_filtered medium: reset with the platform's SNI, a TLS alert for the neutral SNI")
  void tlsSniFilteredNeutralAlert() {
    Classification c = alone(tlsFails("connection_reset")
        .sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, "ssl_failed_handshake", 1)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_SNI_FILTERED, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("tls.reset inconclusive: the SNI swap is reset too (IP-level or server) and no remote vantage")
  void tlsResetSwapFailsToo() {
    Classification c = alone(tlsFails("connection_reset")
        .sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, "connection_reset", 1), tlsFail(FB_IP, NEUTRAL_SNI, "connection_reset", 2)).build());
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.TLS_RESET, Confidence.LOW);
  }

  @Test
  @DisplayName("tls.timeout: swap times out too, but the remote vantage completed the handshake")
  void tlsTimeout() {
    Classification c = alone(tlsFails("generic_timeout_error")
        .sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, "generic_timeout_error", 1)).remote(remoteSaw(FB_IP, true, true, 200)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_TIMEOUT, Confidence.HIGH);
  }

  @Test
  @DisplayName("tls.eof: EOF after the ClientHello, remote vantage completed the handshake")
  void tlsEof() {
    Classification c = alone(tlsFails("eof_error").remote(remoteSaw(FB_IP, true, true, 200)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_EOF, Confidence.HIGH);
    assertEquals("not_run", c.facts().get("sni_swap"));
  }

  @Test
  @DisplayName("tls.interception: chain issued by Qaznet Trust Network (RFC 2253 order) is interception")
  void tlsInterception() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, "www.facebook.com",
        "ssl_unknown_authority", cert("CN=*.facebook.com", "CN=Security Certificate,C=KZ"),
        cert("CN=Security Certificate,C=KZ", "CN=Qaznet Trust Network,C=KZ"))).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_INTERCEPTION, Confidence.HIGH);
    assertEquals("kz_qaznet_intermediate_2019", c.facts().get("fingerprint"));
  }

  @Test
  @DisplayName("tls.interception: ISCA issuer even when the probe trusts it (validation ok)")
  void tlsInterceptionTrustedIsca() {
    var chain = List.of(cert("CN=www.facebook.com", "CN=Information Security Certification Authority, O=ISCA, C=KZ"));
    var t = new org.censorprobe.probe.observe.TlsObservation(FB_IP, 443, "www.facebook.com", 1, T0, 50, "TLSv1.3",
        "TLS_AES_128_GCM_SHA256", null, chain, null, null);
    Classification c = alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(t).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.TLS_INTERCEPTION, Confidence.HIGH);
    assertEquals("kz_isca_2021_2024", c.facts().get("fingerprint"));
  }

  @Test
  @DisplayName("tls.server_certificate: an expired certificate from a trusted issuer, no remote: technical")
  void tlsServerCertificateExpired() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, "www.facebook.com",
        "ssl_invalid_certificate", cert("CN=www.facebook.com", "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US"))).build();
    assertVerdict(alone(e), Verdict.TECHNICAL, Methods.TLS_SERVER_CERTIFICATE, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("tls.server_certificate: wrong-host certificate the remote vantage sees too: technical high")
  void tlsServerCertificateSeenByRemote() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, "www.facebook.com",
        "ssl_invalid_hostname", cert("CN=other.example", "CN=R11,O=Let's Encrypt,C=US")))
        .remote(remoteSaw(FB_IP, true, false, 0)).build();
    assertVerdict(alone(e), Verdict.TECHNICAL, Methods.TLS_SERVER_CERTIFICATE, Confidence.HIGH);
  }

  @Test
  @DisplayName("tls.server_certificate inconclusive: unknown authority, not fingerprinted, no remote")
  void tlsUnknownAuthorityWithoutRemote() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, "www.facebook.com",
        "ssl_unknown_authority", cert("CN=www.facebook.com", "CN=Some Proxy CA"))).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.TLS_SERVER_CERTIFICATE, Confidence.LOW);
    assertEquals("CN=Some Proxy CA", c.facts().get("issuer"));
  }

  @Test
  @DisplayName("tls.interception medium: unknown authority locally, remote validated the same address")
  void tlsUnknownAuthorityRemoteValid() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, "www.facebook.com",
        "ssl_unknown_authority", cert("CN=www.facebook.com", "CN=Some Proxy CA"))).remote(remoteSaw(FB_IP, true, true, 200)).build();
    assertVerdict(alone(e), Verdict.BLOCKED, Methods.TLS_INTERCEPTION, Confidence.MEDIUM);
  }

  // --- http ----------------------------------------------------------------------------------------------

  private static EndpointBuilder httpsUpTo(String spec) {
    EndpointBuilder b = endpoint(spec);
    return b.resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, b.host(), 80));
  }

  @Test
  @DisplayName("http.status_451: Unavailable For Legal Reasons")
  void httpStatus451() {
    Classification c = alone(httpsUpTo(FB).http(http(FB, FB_IP, 451, "Unavailable", "legal")).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.HTTP_STATUS_451, Confidence.HIGH);
    assertEquals(451, c.facts().get("status_code"));
  }

  @Test
  @DisplayName("http.blockpage: the Kazakh blockpage text, even with controls degraded")
  void httpBlockpage() {
    List<ControlObservations> degraded = List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://control-b.example/", "203.0.113.11", false));
    String spec = "http://www.facebook.com/";
    EndpointEvidence e = endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(http(spec, FB_IP, 200, "Доступ", "<html><h1>Страница заблокирована</h1></html>")).build();
    Classification c = only(round(degraded, platform("facebook", e)));
    assertVerdict(c, Verdict.BLOCKED, Methods.HTTP_BLOCKPAGE, Confidence.HIGH);
    assertEquals("kz_blocked_page_ru", c.facts().get("blockpage_fingerprint"));
  }

  @Test
  @DisplayName("false positive: a page matching a false-positive signature is not a blockpage")
  void httpBlockpageFalsePositive() {
    // Matches Censored Planet's Fortinet blockpage pattern and its nginx false-positive pattern.
    String body = "<p>Powered By Fortinet</p><p><em>Thank you for using nginx.</em></p>";
    String spec = "http://news.example/";
    EndpointEvidence e = endpoint(spec).resolves("93.184.216.34").tcp(tcpOk("93.184.216.34", 80))
        .http(http(spec, "93.184.216.34", 200, "Welcome", body)).build();
    assertVerdict(alone(e), Verdict.OK, null, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.reset: request reset after the connection was established, remote fetched the page")
  void httpReset() {
    String spec = "http://www.facebook.com/";
    EndpointEvidence e = endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(httpFail(spec, FB_IP, "connection_reset", 1), httpFail(spec, FB_IP, "connection_reset", 2))
        .remote(remoteSaw(FB_IP, true, true, 200)).build();
    assertVerdict(alone(e), Verdict.BLOCKED, Methods.HTTP_RESET, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.timeout inconclusive: request times out, no remote, no other platform failing")
  void httpTimeoutWithoutRemote() {
    Classification c = alone(httpsUpTo(FB).http(httpFail(FB, FB_IP, "generic_timeout_error", 1),
        httpFail(FB, FB_IP, "generic_timeout_error", 2)).build());
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.HTTP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("http.eof: the connection closed where the response was expected, remote fetched the page")
  void httpEof() {
    Classification c = alone(httpsUpTo(FB).http(httpFail(FB, FB_IP, "eof_error", 1))
        .remote(remoteSaw(FB_IP, true, true, 200)).build());
    assertVerdict(c, Verdict.BLOCKED, Methods.HTTP_EOF, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.server_error: HTTP 503 without a blockpage fingerprint is technical")
  void httpServerError() {
    Classification c = alone(httpsUpTo(FB).http(http(FB, FB_IP, 503, "Service Unavailable", "<h1>503</h1>")).build());
    assertVerdict(c, Verdict.TECHNICAL, Methods.HTTP_SERVER_ERROR, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("dns.resolver_down (round): every control failed at the local resolver, the control resolver answered them")
  void dnsResolverDownRound() {
    List<ControlObservations> controls = List.of("control-a.example", "kz-control.example").stream().map(h ->
        new ControlObservations(new org.censorprobe.probe.config.ControlTarget(
            org.censorprobe.probe.config.Endpoint.parse("https://" + h + "/"), h.startsWith("kz")),
            endpoint("https://" + h + "/").dns(dnsFail(SYSTEM, h, "generic_timeout_error", 1), dnsFail(SYSTEM, h, "generic_timeout_error", 2))
                .controlDns(dnsOk(CONTROL_RESOLVER, h, "203.0.113.10")).observations())).toList();
    RoundVerdicts v = CLASSIFIER.classify(round(controls, platform("facebook", tcpTimesOut(FB, FB_IP).build())));
    assertVerdict(v.endpoint("facebook", FB), Verdict.TECHNICAL, Methods.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertEquals(LocalNetwork.DOWN, v.summary().localNetwork());
    assertEquals(Methods.DNS_RESOLVER_DOWN, v.controls().get("https://control-a.example/").method());
  }

  @Test
  @DisplayName("network.gateway_cut does not override proof: a domestic blockpage stays blocked")
  void networkGatewayCutKeepsProof() {
    List<ControlObservations> cut = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    String spec = "http://www.facebook.com/";
    EndpointEvidence e = endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(http(spec, FB_IP, 200, "Доступ", "<h1>Страница заблокирована</h1>")).build();
    assertVerdict(only(round(cut, platform("facebook", e))), Verdict.BLOCKED, Methods.HTTP_BLOCKPAGE, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns failure with nothing to compare: local SERVFAIL, control resolver down for every name: inconclusive")
  void dnsFailureNothingToCompare() {
    EndpointEvidence e = endpoint(FB).dns(dnsFail(SYSTEM, "www.facebook.com", "dns_servfail_error", 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "www.facebook.com", "generic_timeout_error", 1)).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.DNS_SERVFAIL, Confidence.LOW);
    assertEquals(List.of("control_resolver"), c.facts().get("missing"));
  }

  @Test
  @DisplayName("http.server_error inconclusive: local 503 while the remote vantage got 200, no fingerprint")
  void httpServerErrorRemoteOk() {
    Classification c = alone(httpsUpTo(FB).http(http(FB, FB_IP, 503, "Service Unavailable", "<h1>503</h1>"))
        .remote(remoteSaw(FB_IP, true, true, 200)).build());
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.HTTP_SERVER_ERROR, Confidence.LOW);
  }

  // --- retry ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("retry: a failure whose retry succeeded is not a failure (the last attempt decides)")
  void retrySucceeded() {
    EndpointEvidence e = endpoint(FB).resolves(FB_IP)
        .tcp(tcpFail(FB_IP, 443, "generic_timeout_error", 1), new org.censorprobe.probe.observe.TcpObservation(FB_IP, 443, 2, T0, 30, null))
        .tls(tlsOk(FB_IP, "www.facebook.com", 80)).http(http(FB, FB_IP, 200, "Facebook", "<title>Facebook</title>")).build();
    Classification c = alone(e);
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
    assertEquals(List.of("tcp"), c.facts().get("retried"));
  }

  // --- platform roll-up ----------------------------------------------------------------------------------

  @Test
  @DisplayName("platform roll-up: blocked if any endpoint is blocked with at least medium confidence")
  void platformRollupBlocked() {
    String api = "https://graph.facebook.com/";
    EndpointEvidence blocked = endpoint(api).resolves(FB_IP).tcp(tcpOk(FB_IP, 443))
        .tls(tlsFail(FB_IP, "graph.facebook.com", "connection_reset", 1)).sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90)).build();
    RoundVerdicts v = CLASSIFIER.classify(round(healthyControls(),
        platform("facebook", healthyHttps(FB, FB_IP, 80).build(), blocked)));
    PlatformVerdict p = v.platforms().get("facebook");
    assertEquals(Verdict.BLOCKED, p.classification().verdict());
    assertEquals(Methods.TLS_SNI_FILTERED, p.classification().method());
    assertEquals(List.of(api), p.drivenBy());
  }

  @Test
  @DisplayName("platform roll-up: ok only if all ok; technical when every failing endpoint is technical")
  void platformRollupOkAndTechnical() {
    RoundVerdicts ok = CLASSIFIER.classify(round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, 80).build())));
    assertEquals(Verdict.OK, ok.platforms().get("facebook").classification().verdict());
    assertEquals(List.of(), ok.platforms().get("facebook").drivenBy(), "nothing drove an ok: nothing is listed");
    assertEquals(1, ok.platforms().get("facebook").classification().facts().get("endpoints_ok"));
    String api = "https://graph.facebook.com/";
    RoundVerdicts tech = CLASSIFIER.classify(round(healthyControls(), platform("facebook",
        healthyHttps(FB, FB_IP, 80).build(),
        httpsUpTo(api).http(http(api, FB_IP, 502, "Bad Gateway", "<h1>502</h1>")).build())));
    PlatformVerdict p = tech.platforms().get("facebook");
    assertEquals(Verdict.TECHNICAL, p.classification().verdict());
    assertEquals(List.of(api), p.drivenBy());
  }

  @Test
  @DisplayName("platform roll-up: inconclusive when a failing endpoint is inconclusive and none is blocked")
  void platformRollupInconclusive() {
    RoundVerdicts v = CLASSIFIER.classify(round(healthyControls(), platform("facebook",
        healthyHttps(FB, FB_IP, 80).build(),
        tcpTimesOut("https://graph.facebook.com/", FB_IP).build())));
    PlatformVerdict p = v.platforms().get("facebook");
    assertEquals(Verdict.INCONCLUSIVE, p.classification().verdict());
    assertEquals(List.of("https://graph.facebook.com/"), p.drivenBy());
  }

  // --- purity --------------------------------------------------------------------------------------------

  @Test
  @DisplayName("pure: the same observations give the same verdicts")
  void pure() {
    RoundObservations r = round(healthyControls(), platform("facebook", tlsFails("connection_reset")
        .sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90)).build()));
    assertEquals(CLASSIFIER.classify(r), CLASSIFIER.classify(r));
  }
}
