package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.*;
import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per row of the decision table in docs/classification.md, each named after its row. */
class DecisionTableTest {
  static final String FB = "https://www.facebook.com/";
  static final String FB_HOST = "www.facebook.com";
  static final String FB_IP = "157.240.1.35";

  static Interpretation alone(EndpointBuilder e) {
    return of(judge(round(healthyControls(), platform("facebook", e))), "facebook", e.endpoint.spec());
  }

  static void assertVerdict(Interpretation c, Verdict v, Method method, Confidence conf) {
    assertAll(c.evidence(),
        () -> assertEquals(v, c.verdict(), "verdict"),
        () -> assertEquals(method, c.method(), "method"),
        () -> assertEquals(conf, c.confidence(), "confidence"));
  }

  static <T extends Fact> T fact(Interpretation c, Class<T> type) {
    return c.fact(type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + c));
  }

  /** TCP times out to the platform's address (both attempts). */
  static EndpointBuilder tcpTimesOut(String spec, String addr) {
    return endpoint(spec).resolves(addr).tcp(tcpFail(addr, 443, TIMEOUT, 1), tcpFail(addr, 443, TIMEOUT, 2));
  }

  /** A control whose every step timed out, its name's lookups included: what an uplink that is down looks like. */
  static Measurement controlSilent(String spec, boolean domestic) {
    EndpointBuilder b = endpoint(spec);
    return control(b.dns(dnsFail(SYSTEM, b.host(), TIMEOUT, 1), dnsFail(SYSTEM, b.host(), TIMEOUT, 2))
        .controlDns(dnsFail(CONTROL_RESOLVER, b.host(), TIMEOUT, 1)), domestic);
  }

  // --- round ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("network.down: nothing in the round got a response, so every failure is technical")
  void networkDown() {
    EndpointBuilder fb = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, TIMEOUT, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, FB_HOST, TIMEOUT, 1));
    JudgedRound v = judge(round(List.of(controlSilent("https://control-a.example/", false),
        controlSilent("https://kz-control.example/", true)), platform("facebook", fb)));
    assertVerdict(of(v, "facebook", FB), Verdict.TECHNICAL, Method.NETWORK_DOWN, Confidence.HIGH);
    assertEquals(LocalNetwork.DOWN, v.platforms().get(0).judgement().round().localNetwork());
    assertEquals(Method.NETWORK_DOWN, controlOf(v, "https://control-a.example/").method());
    assertEquals(Method.DNS_TIMEOUT, fact(of(v, "facebook", FB), Fact.Replaced.class).method());
  }

  @Test
  @DisplayName("uplink never called down when something got through: every control failed but a platform answered")
  void controlsDownButSomethingAnswered() {
    String spec = "http://vk.com/";
    EndpointBuilder blockpage = endpoint(spec).resolves("87.240.190.72").tcp(tcpOk("87.240.190.72", 80))
        .http(http(spec, "87.240.190.72", 200, "Блокировка", "<p>Страница заблокирована</p>"));
    JudgedRound v = judge(round(List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://kz-control.example/", "198.51.100.7", true)),
        platform("facebook", tcpTimesOut(FB, FB_IP)), platform("vk", blockpage)));
    assertEquals(LocalNetwork.DEGRADED, v.platforms().get(0).judgement().round().localNetwork());
    for (Measurement m : v.all()) {
      assertNotEquals(Method.NETWORK_DOWN, m.judgement().method(), m.endpoint());
      assertNotEquals(Verdict.BLOCKED, m.judgement().verdict(), "no control reached: nothing is blocked");
    }
    Interpretation vk = of(v, "vk", spec);
    assertVerdict(vk, Verdict.INCONCLUSIVE, Method.HTTP_BLOCKPAGE, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.HEALTHY_CONTROLS), fact(vk, Fact.MissingEvidence.class).missing());
  }

  @Test
  @DisplayName("network.gateway_cut: international controls down, domestic up: technical, shutdown-shaped")
  void networkGatewayCut() {
    List<Measurement> cut = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    JudgedRound v = judge(round(cut, platform("facebook", tcpTimesOut(FB, FB_IP))));
    assertVerdict(of(v, "facebook", FB), Verdict.TECHNICAL, Method.NETWORK_GATEWAY_CUT, Confidence.HIGH);
    var ctx = v.platforms().get(0).judgement().round();
    assertEquals(2, ctx.controlsTotal());
    assertEquals(1, ctx.controlsOk());
    assertEquals(LocalNetwork.GATEWAY_CUT, ctx.localNetwork());
    assertEquals(Verdict.OK, controlOf(v, "https://kz-control.example/").verdict());
  }

  @Test
  @DisplayName("network.gateway_cut does not override proof: a domestic blockpage stays blocked")
  void networkGatewayCutKeepsProof() {
    List<Measurement> cut = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    String spec = "http://www.facebook.com/";
    EndpointBuilder e = endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(http(spec, FB_IP, 200, "Доступ", "<h1>Страница заблокирована</h1>"));
    assertVerdict(of(judge(round(cut, platform("facebook", e))), "facebook", spec), Verdict.BLOCKED,
        Method.HTTP_BLOCKPAGE, Confidence.HIGH);
  }

  // --- dns -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("dns.bogon: a private address for a public name is tampering")
  void dnsBogon() {
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, "10.10.34.35"))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_BOGON, Confidence.HIGH);
    assertEquals(List.of(ip("10.10.34.35")), fact(c, Fact.BogonAnswers.class).addresses());
    assertEquals(List.of(ip(FB_IP)), fact(c, Fact.Answers.class).byResolver().get(CONTROL_RESOLVER));
  }

  @Test
  @DisplayName("dns.known_blocking_address: an answer from the blocking-address fingerprints")
  void dnsKnownBlockingAddress() throws Exception {
    Fingerprints fp = new Fingerprints(Fingerprints.read(new java.io.StringReader(
        "{\"type\":\"dns_blocking_address\",\"id\":\"test_sinkhole\",\"pattern\":\"198.18.7.7\","
            + "\"pattern_type\":\"exact\",\"source\":\"test\"}"), "t"));
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, "198.18.7.7"))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    JudgedRound v = new Classifier(org.censorprobe.probe.config.ClassifierSettings.DEFAULTS, fp)
        .judge(round(healthyControls(), platform("facebook", e)), ThrottleHistory.EMPTY, T0);
    Interpretation c = of(v, "facebook", FB);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_KNOWN_BLOCKING_ADDRESS, Confidence.HIGH);
    assertEquals("test_sinkhole", fact(c, Fact.BlockingAddress.class).fingerprint());
  }

  @Test
  @DisplayName("dns.nxdomain: NXDOMAIN at the system resolver while the control resolver answered")
  void dnsNxdomain() {
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, DNS_NXDOMAIN, 1), dnsFail(SYSTEM, FB_HOST, DNS_NXDOMAIN, 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_NXDOMAIN, Confidence.HIGH);
    assertTrue(c.evidence().contains("the system resolver answered 3 of 3 control names"), c.evidence());
  }

  @Test
  @DisplayName("target.gone: NXDOMAIN at the control resolver too")
  void targetGone() {
    EndpointBuilder e = endpoint("https://gone.example/").dns(dnsFail(SYSTEM, "gone.example", DNS_NXDOMAIN, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "gone.example", DNS_NXDOMAIN, 1));
    assertVerdict(alone(e), Verdict.TECHNICAL, Method.TARGET_GONE, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.nxdomain inconclusive: NXDOMAIN at the system resolver, the control resolver gave nothing for it")
  void dnsNxdomainControlResolverUnreachable() {
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, DNS_NXDOMAIN, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, FB_HOST, TIMEOUT, 1));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_NXDOMAIN, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.CONTROL_RESOLVER), fact(c, Fact.MissingEvidence.class).missing());
  }

  @Test
  @DisplayName("dns.nxdomain inconclusive: the only witness failed the controls' names too, so it says nothing")
  void dnsNxdomainWitnessNotHealthy() {
    List<Measurement> controls = List.of("control-a.example", "control-b.example", "kz-control.example").stream()
        .map(h -> control(endpoint("https://" + h + "/").dns(dnsOk(SYSTEM, h, "203.0.113.10"))
            .controlDns(dnsFail(CONTROL_RESOLVER, h, TIMEOUT, 1)).tcp(tcpOk("203.0.113.10", 443))
            .tls(tlsOk("203.0.113.10", h, 90)).http(http("https://" + h + "/", "203.0.113.10", 200, "ok", "ok")), false))
        .toList();
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, DNS_NXDOMAIN, 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    Interpretation c = of(judge(round(controls, platform("facebook", e))), "facebook", FB);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_NXDOMAIN, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.CONTROL_RESOLVER), fact(c, Fact.MissingEvidence.class).missing());
  }

  @Test
  @DisplayName("dns.resolver_down: the system resolver fails the controls' names too, another resolver answers them")
  void dnsResolverDown() {
    Measurement failing = control(endpoint("https://control-a.example/")
        .dns(dnsFail(SYSTEM, "control-a.example", TIMEOUT, 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, "control-a.example", "203.0.113.10")), false);
    Measurement literal = control(endpoint("https://203.0.113.11/").tcp(tcpOk("203.0.113.11", 443))
        .tls(tlsOk("203.0.113.11", null, 90)).http(http("https://203.0.113.11/", "203.0.113.11", 200, "ok", "ok")),
        false);
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, TIMEOUT, 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    JudgedRound v = judge(round(List.of(failing, literal), platform("facebook", e)));
    assertVerdict(of(v, "facebook", FB), Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertEquals(LocalNetwork.DEGRADED, v.platforms().get(0).judgement().round().localNetwork());
    assertVerdict(resolver(v, SYSTEM), Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertEquals(Method.DNS_RESOLVER_DOWN, controlOf(v, "https://control-a.example/").method());
  }

  @Test
  @DisplayName("dns.timeout: the system resolver times out for this name only, the control resolver answers it")
  void dnsTimeout() {
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, TIMEOUT, 1), dnsFail(SYSTEM, FB_HOST, TIMEOUT, 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    assertVerdict(alone(e), Verdict.BLOCKED, Method.DNS_TIMEOUT, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("dns.servfail: name-specific SERVFAIL while the control resolver answers: blocked low (DNSSEC can do this)")
  void dnsServfail() {
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, DNS_SERVFAIL, 1), dnsFail(SYSTEM, FB_HOST, DNS_SERVFAIL, 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP));
    assertVerdict(alone(e), Verdict.BLOCKED, Method.DNS_SERVFAIL, Confidence.LOW);
  }

  @Test
  @DisplayName("target.down (dns): the control resolver times out for the name too: not blocking")
  void dnsTimeoutAtBothResolvers() {
    EndpointBuilder e = endpoint("https://slow.example/").dns(dnsFail(SYSTEM, "slow.example", TIMEOUT, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, "slow.example", TIMEOUT, 1));
    assertVerdict(alone(e), Verdict.TECHNICAL, Method.TARGET_DOWN, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("dns failure with nothing to compare: SERVFAIL, no witness answered: inconclusive")
  void dnsFailureNothingToCompare() {
    EndpointBuilder e = endpoint(FB).dns(dnsFail(SYSTEM, FB_HOST, DNS_SERVFAIL, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, FB_HOST, TIMEOUT, 1));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_SERVFAIL, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.CONTROL_RESOLVER), fact(c, Fact.MissingEvidence.class).missing());
  }

  @Test
  @DisplayName("dns.injected: the system resolver's query got a forged reply first and the genuine one later")
  void dnsInjected() {
    EndpointBuilder e = endpoint(FB).dns(dnsTwoReplies(SYSTEM, FB_HOST, "93.158.134.3", FB_IP))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP)).tcp(tcpOk("93.158.134.3", 443))
        .tls(tlsFail("93.158.134.3", FB_HOST, CONNECTION_RESET, 1));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_INJECTED, Confidence.HIGH);
    Fact.DnsInjection i = fact(c, Fact.DnsInjection.class);
    assertEquals(List.of(ip("93.158.134.3")), i.first());
    assertEquals(List.of(ip(FB_IP)), i.late());
  }

  @Test
  @DisplayName("dns.injected: the witness also got the forged first reply, the later reply agrees with it: still injection")
  void dnsInjectedWitnessAlsoAnsweredFirst() {
    // An on-path injector answers every query it sees first, the witness's too when the witness travels the same path
    // and has no late-reply collection of its own; the later reply matching the witness still convicts the first.
    EndpointBuilder e = endpoint(FB).dns(dnsTwoReplies(SYSTEM, FB_HOST, "93.158.134.3", FB_IP))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP, "93.158.134.3")).tcp(tcpOk("93.158.134.3", 443))
        .tls(tlsFail("93.158.134.3", FB_HOST, CONNECTION_RESET, 1));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_INJECTED, Confidence.HIGH);
  }

  @Test
  @DisplayName("two replies that agree in part, or a first one a validated handshake proved, are not injection")
  void twoRepliesNotInjection() {
    EndpointBuilder e = endpoint(FB).dns(dnsTwoReplies(SYSTEM, FB_HOST, "157.240.9.35", FB_IP))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP)).tcp(tcpOk("157.240.9.35", 443))
        .tls(tlsOk("157.240.9.35", FB_HOST, 50)).http(http(FB, "157.240.9.35", 200, "Facebook", "<title>Facebook"));
    assertVerdict(alone(e), Verdict.OK, null, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.inconsistent: other addresses from the system resolver, and the server there has a certificate for another name")
  void dnsInconsistent() {
    String fake = "95.56.1.1";
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, fake)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpOk(fake, 443))
        .tls(tlsInvalid(fake, FB_HOST, SSL_INVALID_HOSTNAME, cert("CN=portal.isp.kz", "CN=R11,O=Let's Encrypt,C=US")));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.BLOCKED, Method.DNS_INCONSISTENT, Confidence.HIGH);
    assertEquals(List.of(ip(fake)), fact(c, Fact.Answers.class).byResolver().get(SYSTEM));
    assertEquals(Method.TLS_SERVER_CERTIFICATE, fact(c, Fact.Then.class).method());
  }

  @Test
  @DisplayName("dns.inconsistent medium: the system resolver's addresses time out while the control resolver's connect")
  void dnsInconsistentWitnessWorks() {
    String fake = "95.56.1.1";
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, fake)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpFail(fake, 443, TIMEOUT, 1), tcpFail(fake, 443, TIMEOUT, 2), tcpOk(FB_IP, 443))
        .tls(tlsOk(FB_IP, FB_HOST, 40));
    assertVerdict(alone(e), Verdict.BLOCKED, Method.DNS_INCONSISTENT, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("different answers and the platform down everywhere is not tampering: the failure stays what it is")
  void dnsInconsistentEverythingDown() {
    String local = "95.56.1.1";
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, local)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpFail(local, 443, TIMEOUT, 2), tcpFail(FB_IP, 443, TIMEOUT, 2));
    assertVerdict(alone(e), Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("dns.inconsistent inconclusive: plain HTTP loads from other addresses, no TLS proof")
  void dnsInconsistentWithoutTlsProof() {
    String spec = "http://news.example/";
    EndpointBuilder e = endpoint(spec).dns(dnsOk(SYSTEM, "news.example", "93.184.216.34"))
        .controlDns(dnsOk(CONTROL_RESOLVER, "news.example", "93.184.215.14")).tcp(tcpOk("93.184.216.34", 80))
        .http(http(spec, "93.184.216.34", 200, "News", "<title>News</title>"));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_INCONSISTENT, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.TLS_PROOF), fact(c, Fact.MissingEvidence.class).missing());
  }

  @Test
  @DisplayName("ok (dns consistent by TLS proof): different CDN addresses, valid certificate on the system resolver's one")
  void dnsConsistentByTlsProof() {
    String local = "157.240.9.35";
    EndpointBuilder e = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, local)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpOk(local, 443)).tls(tlsOk(local, FB_HOST, 80)).http(http(FB, local, 200, "Facebook", "<title>Facebook</title>"));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
    assertEquals(Fact.Consistency.TLS_PROOF, fact(c, Fact.DnsConsistency.class).consistency());
  }

  @Test
  @DisplayName("an IPv6 answer written long-hand in one place and short in another is one address: TLS proves it")
  void ipv6SpellingsAreOneAddress() {
    String shortForm = "2a00:1450:4001:82b::200e";
    String longForm = "2a00:1450:4001:82b:0:0:0:200e";
    String spec = "https://www.google.com/";
    EndpointBuilder e = endpoint(spec).dns(dnsOk(SYSTEM, "www.google.com", shortForm))
        .controlDns(dnsOk(CONTROL_RESOLVER, "www.google.com", "2a00:1450:4001:82b::2004"))
        .tcp(tcpOk(longForm, 443)).tls(tlsOk(longForm, "www.google.com", 50))
        .http(http(spec, longForm, 200, "Google", "<title>Google</title>"));
    Interpretation c = of(judge(round(healthyControls(), platform("google", e))), "google", spec);
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
    assertEquals(Fact.Consistency.TLS_PROOF, fact(c, Fact.DnsConsistency.class).consistency());
  }

  // --- tcp -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("tcp.refused inconclusive: refused and no remote vantage to tell a dead server from an IP block")
  void tcpRefusedWithoutRemote() {
    Interpretation c = alone(endpoint(FB).resolves(FB_IP).tcp(tcpFail(FB_IP, 443, CONNECTION_REFUSED, 1),
        tcpFail(FB_IP, 443, CONNECTION_REFUSED, 2)));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TCP_REFUSED, Confidence.LOW);
    assertEquals(List.of(Fact.Missing.REMOTE_VANTAGE), fact(c, Fact.MissingEvidence.class).missing());
    assertTrue(c.fact(Fact.Remote.class).isEmpty(), "no helper is configured");
    assertTrue(c.evidence().startsWith("Inconclusive: TCP connections refused"), c.evidence());
  }

  @Test
  @DisplayName("tcp.timeout: connect times out, the remote vantage connected to the same address")
  void tcpTimeout() {
    Interpretation c = alone(tcpTimesOut(FB, FB_IP).helper(remoteSaw(FB_IP, true, true, 200)));
    assertVerdict(c, Verdict.BLOCKED, Method.TCP_TIMEOUT, Confidence.HIGH);
    assertEquals(Fact.RemoteOutcome.SUCCEEDED, fact(c, Fact.Remote.class).outcome());
  }

  @Test
  @DisplayName("target.down: the remote vantage fails to connect too")
  void targetDown() {
    Interpretation c = alone(tcpTimesOut(FB, FB_IP).helper(remoteSaw(FB_IP, false, false, 0)));
    assertVerdict(c, Verdict.TECHNICAL, Method.TARGET_DOWN, Confidence.HIGH);
    assertEquals(Method.TCP_TIMEOUT, fact(c, Fact.Replaced.class).method());
  }

  @Test
  @DisplayName("remote unreachable: local evidence only, inconclusive, the helper's failure is in the facts")
  void remoteUnreachableHelper() {
    Interpretation c = alone(tcpTimesOut(FB, FB_IP).helper(remoteUnreachable()));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
    Fact.Remote r = fact(c, Fact.Remote.class);
    assertFalse(r.reachable());
    assertTrue(c.evidence().contains("could not be asked"), c.evidence());
  }

  @Test
  @DisplayName("cross-platform pattern: several platforms time out the same way under healthy controls: blocked medium")
  void crossPlatformPattern() {
    String yt = "https://www.youtube.com/";
    JudgedRound v = judge(round(healthyControls(), platform("facebook", tcpTimesOut(FB, FB_IP)),
        platform("youtube", tcpTimesOut(yt, "142.250.74.14")),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90))));
    assertVerdict(of(v, "facebook", FB), Verdict.BLOCKED, Method.TCP_TIMEOUT, Confidence.MEDIUM);
    assertEquals(List.of("facebook", "youtube"), fact(of(v, "youtube", yt), Fact.CrossPlatform.class).platforms());
  }

  @Test
  @DisplayName("cross-platform pattern needs unrelated networks: Facebook and Instagram in Meta's /16 is not it")
  void crossPlatformPatternSameProvider() {
    JudgedRound v = judge(round(healthyControls(), platform("facebook", tcpTimesOut(FB, FB_IP)),
        platform("instagram", tcpTimesOut("https://www.instagram.com/", "157.240.9.174")),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90))));
    assertVerdict(of(v, "facebook", FB), Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("everything failing: every platform fails the same way: weakens, stays inconclusive")
  void everythingFailing() {
    JudgedRound v = judge(round(healthyControls(), platform("facebook", tcpTimesOut(FB, FB_IP)),
        platform("youtube", tcpTimesOut("https://www.youtube.com/", "142.250.74.14"))));
    assertVerdict(of(v, "facebook", FB), Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("controls degraded: no pattern upgrade, and a remote success gives medium, not high")
  void controlsDegraded() {
    List<Measurement> degraded = List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://control-b.example/", "203.0.113.11", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
    String yt = "https://www.youtube.com/";
    JudgedRound v = judge(round(degraded, platform("facebook", tcpTimesOut(FB, FB_IP)),
        platform("youtube", tcpTimesOut(yt, "142.250.74.14").helper(remoteSaw("142.250.74.14", true, true, 200))),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90))));
    assertVerdict(of(v, "facebook", FB), Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
    assertVerdict(of(v, "youtube", yt), Verdict.BLOCKED, Method.TCP_TIMEOUT, Confidence.MEDIUM);
    assertEquals(LocalNetwork.DEGRADED, v.platforms().get(0).judgement().round().localNetwork());
  }

  @Test
  @DisplayName("probe.no_route: only IPv6 addresses and the probe has no IPv6")
  void probeNoRoute() {
    String v6 = "2a03:2880:f10c:83:face:b00c:0:25de";
    Interpretation c = alone(endpoint(FB).resolves(v6).tcp(tcpFail(v6, 443, ADDRESS_FAMILY_UNSUPPORTED, 1)));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.PROBE_NO_ROUTE, Confidence.LOW);
  }

  // --- partial ------------------------------------------------------------------------------------------

  static final String FB_V6 = "2a03:2880:f10c:83:face:b00c:0:25de";

  /** Controls of which one connects over IPv6: the probe has IPv6. */
  static List<Measurement> dualStackControls() {
    return List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlOk("https://control-b.example/", "2001:db8:1::10", false),
        controlOk("https://kz-control.example/", "198.51.100.7", true));
  }

  static EndpointBuilder ipv6Fails() {
    return endpoint(FB).resolves(FB_IP, FB_V6).tcp(tcpOk(FB_IP, 443), tcpFail(FB_V6, 443, TIMEOUT, 1),
        tcpFail(FB_V6, 443, TIMEOUT, 2)).tls(tlsOk(FB_IP, FB_HOST, 50))
        .http(http(FB, FB_IP, 200, "Facebook", "<title>Facebook</title>"));
  }

  @Test
  @DisplayName("tcp.partial inconclusive: IPv6 addresses time out while IPv4 works and the probe has IPv6; no remote")
  void tcpPartialWithoutRemote() {
    Interpretation c = of(judge(round(dualStackControls(), platform("facebook", ipv6Fails()))), "facebook", FB);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TCP_PARTIAL, Confidence.LOW);
    assertTrue(fact(c, Fact.Connects.class).connects().contains(new Fact.Connect(new IpPort(ip(FB_V6), 443), TIMEOUT)));
  }

  @Test
  @DisplayName("tcp.partial: the remote vantage connected to the IPv6 address that fails here: blocked, medium")
  void tcpPartialWithRemote() {
    Interpretation c = of(judge(round(dualStackControls(),
        platform("facebook", ipv6Fails().helper(remoteSaw(FB_V6, true, true, 200))))), "facebook", FB);
    assertVerdict(c, Verdict.BLOCKED, Method.TCP_PARTIAL, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("no IPv6 anywhere in the round: the probe's own IPv6 is missing, the platform is ok over IPv4")
  void ipv6MissingAtTheProbe() {
    Interpretation c = alone(ipv6Fails());
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
  }

  // --- tls -----------------------------------------------------------------------------------------------

  static EndpointBuilder tlsFails(org.censorprobe.format.observe.FailureType failure) {
    return endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443))
        .tls(tlsFail(FB_IP, FB_HOST, failure, 1), tlsFail(FB_IP, FB_HOST, failure, 2));
  }

  @Test
  @DisplayName("tls.sni_filtered: handshake times out with the platform's SNI, completes with the neutral SNI")
  void tlsSniFiltered() {
    Interpretation c = alone(tlsFails(TIMEOUT).sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90)));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_SNI_FILTERED, Confidence.HIGH);
    assertTrue(fact(c, Fact.SniSwap.class).worked());
    assertTrue(c.evidence().startsWith("Blocked (SNI filtering)"), c.evidence());
    assertTrue(c.evidence().contains("example.org"), c.evidence());
    assertTrue(c.evidence().contains("3 of 3 controls reachable"), c.evidence());
  }

  @Test
  @DisplayName("tls.sni_filtered medium: reset with the platform's SNI, a TLS alert for the neutral SNI")
  void tlsSniFilteredNeutralAlert() {
    Interpretation c = alone(tlsFails(CONNECTION_RESET).sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, SSL_FAILED_HANDSHAKE, 1)));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_SNI_FILTERED, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("tls.reset inconclusive: the SNI swap is reset too (IP-level or server) and no remote vantage")
  void tlsResetSwapFailsToo() {
    Interpretation c = alone(tlsFails(CONNECTION_RESET).sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, CONNECTION_RESET, 1)));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TLS_RESET, Confidence.LOW);
  }

  @Test
  @DisplayName("tls.timeout: swap times out too, but the remote vantage completed the handshake")
  void tlsTimeout() {
    Interpretation c = alone(tlsFails(TIMEOUT).sniSwap(tlsFail(FB_IP, NEUTRAL_SNI, TIMEOUT, 1))
        .helper(remoteSaw(FB_IP, true, true, 200)));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_TIMEOUT, Confidence.HIGH);
  }

  @Test
  @DisplayName("tls.eof: EOF after the ClientHello, remote vantage completed the handshake")
  void tlsEof() {
    Interpretation c = alone(tlsFails(EOF).helper(remoteSaw(FB_IP, true, true, 200)));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_EOF, Confidence.HIGH);
    assertFalse(fact(c, Fact.SniSwap.class).run());
  }

  @Test
  @DisplayName("tls.interception: chain issued by Qaznet Trust Network (RFC 2253 order) is interception")
  void tlsInterception() {
    Interpretation c = alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, FB_HOST,
        SSL_UNKNOWN_AUTHORITY, cert("CN=*.facebook.com", "CN=Security Certificate,C=KZ"),
        cert("CN=Security Certificate,C=KZ", "CN=Qaznet Trust Network,C=KZ"))));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_INTERCEPTION, Confidence.HIGH);
    assertEquals("kz_qaznet_intermediate_2019", fact(c, Fact.Certificate.class).fingerprint());
  }

  @Test
  @DisplayName("tls.interception: ISCA issuer even when the probe trusts it (validation ok)")
  void tlsInterceptionTrustedIsca() {
    var chain = List.of(cert("CN=www.facebook.com", "CN=Information Security Certification Authority, O=ISCA, C=KZ"));
    var t = new TlsObservation(ip(FB_IP), 443, FB_HOST, 1, T0, 50, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null, chain,
        null, null, 0);
    Interpretation c = alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(t));
    assertVerdict(c, Verdict.BLOCKED, Method.TLS_INTERCEPTION, Confidence.HIGH);
    assertEquals("kz_isca_2021_2024", fact(c, Fact.Certificate.class).fingerprint());
  }

  @Test
  @DisplayName("tls.server_certificate: an expired certificate from a trusted issuer, no remote: technical")
  void tlsServerCertificateExpired() {
    assertVerdict(alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, FB_HOST,
        SSL_INVALID_CERTIFICATE, cert("CN=www.facebook.com", "CN=DigiCert Global G2,O=DigiCert Inc,C=US")))),
        Verdict.TECHNICAL, Method.TLS_SERVER_CERTIFICATE, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("tls.server_certificate: wrong-host certificate the remote vantage sees too: technical high")
  void tlsServerCertificateSeenByRemote() {
    assertVerdict(alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, FB_HOST,
        SSL_INVALID_HOSTNAME, cert("CN=other.example", "CN=R11,O=Let's Encrypt,C=US")))
        .helper(remoteSaw(FB_IP, true, false, 0))), Verdict.TECHNICAL, Method.TLS_SERVER_CERTIFICATE, Confidence.HIGH);
  }

  @Test
  @DisplayName("tls.server_certificate inconclusive: unknown authority, not fingerprinted, no remote")
  void tlsUnknownAuthorityWithoutRemote() {
    Interpretation c = alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, FB_HOST,
        SSL_UNKNOWN_AUTHORITY, cert("CN=www.facebook.com", "CN=Some Proxy CA"))));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TLS_SERVER_CERTIFICATE, Confidence.LOW);
    assertEquals("CN=Some Proxy CA", fact(c, Fact.Certificate.class).issuer());
  }

  @Test
  @DisplayName("tls.interception medium: unknown authority locally, remote validated the same address")
  void tlsUnknownAuthorityRemoteValid() {
    assertVerdict(alone(endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsInvalid(FB_IP, FB_HOST,
        SSL_UNKNOWN_AUTHORITY, cert("CN=www.facebook.com", "CN=Some Proxy CA")))
        .helper(remoteSaw(FB_IP, true, true, 200))), Verdict.BLOCKED, Method.TLS_INTERCEPTION, Confidence.MEDIUM);
  }

  // --- http ----------------------------------------------------------------------------------------------

  static EndpointBuilder httpsUpTo(String spec) {
    EndpointBuilder b = endpoint(spec);
    return b.resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, b.host(), 80));
  }

  @Test
  @DisplayName("target.geoblocked: HTTP 451 over a validated HTTPS connection comes from the site itself")
  void httpStatus451OverHttps() {
    Interpretation c = alone(httpsUpTo(FB).http(http(FB, FB_IP, 451, "Unavailable", "legal")));
    assertVerdict(c, Verdict.TECHNICAL, Method.TARGET_GEOBLOCKED, Confidence.HIGH);
    assertTrue(fact(c, Fact.HttpResponse.class).validated());
  }

  @Test
  @DisplayName("http.status_451: Unavailable For Legal Reasons over plain HTTP, which a middlebox can inject")
  void httpStatus451OverHttp() {
    String spec = "http://www.facebook.com/";
    Interpretation c = alone(endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(http(spec, FB_IP, 451, "Unavailable", "legal")));
    assertVerdict(c, Verdict.BLOCKED, Method.HTTP_STATUS_451, Confidence.MEDIUM);
    assertEquals(451, fact(c, Fact.HttpResponse.class).statusCode());
  }

  @Test
  @DisplayName("http.blockpage: the Kazakh blockpage text, even with controls degraded")
  void httpBlockpage() {
    List<Measurement> degraded = List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://control-b.example/", "203.0.113.11", false));
    String spec = "http://www.facebook.com/";
    EndpointBuilder e = endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(http(spec, FB_IP, 200, "Доступ", "<html><h1>Страница заблокирована</h1></html>"));
    Interpretation c = of(judge(round(degraded, platform("facebook", e))), "facebook", spec);
    assertVerdict(c, Verdict.BLOCKED, Method.HTTP_BLOCKPAGE, Confidence.HIGH);
    assertEquals("kz_blocked_page_ru", fact(c, Fact.Blockpage.class).fingerprint());
  }

  @Test
  @DisplayName("a page matching a blockpage fingerprint over validated HTTPS was served by the site: inconclusive")
  void httpBlockpageOverHttps() {
    Interpretation c = alone(httpsUpTo(FB).http(http(FB, FB_IP, 200, "Доступ", "<h1>Страница заблокирована</h1>")));
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.HTTP_BLOCKPAGE, Confidence.LOW);
  }

  @Test
  @DisplayName("false positive: a page matching a false-positive signature is not a blockpage")
  void httpBlockpageFalsePositive() {
    String body = "<p>Powered By Fortinet</p><p><em>Thank you for using nginx.</em></p>";
    String spec = "http://news.example/";
    assertVerdict(alone(endpoint(spec).resolves("93.184.216.34").tcp(tcpOk("93.184.216.34", 80))
        .http(http(spec, "93.184.216.34", 200, "Welcome", body))), Verdict.OK, null, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.reset: request reset after the connection was established, remote fetched the page")
  void httpReset() {
    String spec = "http://www.facebook.com/";
    assertVerdict(alone(endpoint(spec).resolves(FB_IP).tcp(tcpOk(FB_IP, 80))
        .http(httpFail(spec, FB_IP, CONNECTION_RESET, 1), httpFail(spec, FB_IP, CONNECTION_RESET, 2))
        .helper(remoteSaw(FB_IP, true, true, 200))), Verdict.BLOCKED, Method.HTTP_RESET, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.timeout inconclusive: request times out, no remote, no other platform failing")
  void httpTimeoutWithoutRemote() {
    assertVerdict(alone(httpsUpTo(FB).http(httpFail(FB, FB_IP, TIMEOUT, 1), httpFail(FB, FB_IP, TIMEOUT, 2))),
        Verdict.INCONCLUSIVE, Method.HTTP_TIMEOUT, Confidence.LOW);
  }

  @Test
  @DisplayName("http.eof: the connection closed where the response was expected, remote fetched the page")
  void httpEof() {
    assertVerdict(alone(httpsUpTo(FB).http(httpFail(FB, FB_IP, EOF, 1)).helper(remoteSaw(FB_IP, true, true, 200))),
        Verdict.BLOCKED, Method.HTTP_EOF, Confidence.HIGH);
  }

  @Test
  @DisplayName("http.server_error: HTTP 503 without a blockpage fingerprint is technical")
  void httpServerError() {
    assertVerdict(alone(httpsUpTo(FB).http(http(FB, FB_IP, 503, "Service Unavailable", "<h1>503</h1>"))),
        Verdict.TECHNICAL, Method.HTTP_SERVER_ERROR, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("http.server_error inconclusive: 503 here while the remote vantage got 200, no fingerprint")
  void httpServerErrorRemoteOk() {
    assertVerdict(alone(httpsUpTo(FB).http(http(FB, FB_IP, 503, "Service Unavailable", "<h1>503</h1>"))
        .helper(remoteSaw(FB_IP, true, true, 200))), Verdict.INCONCLUSIVE, Method.HTTP_SERVER_ERROR, Confidence.LOW);
  }

  // --- retry ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("retry: a failure whose retry succeeded is not a failure (the last attempt decides)")
  void retrySucceeded() {
    EndpointBuilder e = endpoint(FB).resolves(FB_IP)
        .tcp(tcpFail(FB_IP, 443, TIMEOUT, 1), new TcpObservation(ip(FB_IP), 443, 2, T0, 30, null, 0))
        .tls(tlsOk(FB_IP, FB_HOST, 80)).http(http(FB, FB_IP, 200, "Facebook", "<title>Facebook</title>"));
    Interpretation c = alone(e);
    assertVerdict(c, Verdict.OK, null, Confidence.HIGH);
    assertEquals(List.of(Fact.Step.TCP), fact(c, Fact.Retried.class).steps());
  }

  // --- platform roll-up ----------------------------------------------------------------------------------

  static PlatformVerdict platformOf(JudgedRound v, String id) {
    return v.platforms().stream().filter(m -> m.platform().equals(id)).findFirst().orElseThrow().judgement().platform();
  }

  @Test
  @DisplayName("platform roll-up: blocked if any endpoint is blocked with at least medium confidence")
  void platformRollupBlocked() {
    String api = "https://graph.facebook.com/";
    EndpointBuilder blocked = endpoint(api).resolves(FB_IP).tcp(tcpOk(FB_IP, 443))
        .tls(tlsFail(FB_IP, "graph.facebook.com", CONNECTION_RESET, 1)).sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90));
    PlatformVerdict p = platformOf(judge(round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, 80)),
        platform("facebook", blocked))), "facebook");
    assertEquals(Verdict.BLOCKED, p.interpretation().verdict());
    assertEquals(Method.TLS_SNI_FILTERED, p.interpretation().method());
    assertEquals(List.of(api), p.drivenBy());
  }

  @Test
  @DisplayName("platform roll-up: ok only if all ok; technical when every failing endpoint is technical")
  void platformRollupOkAndTechnical() {
    PlatformVerdict ok = platformOf(judge(round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, 80)))),
        "facebook");
    assertEquals(Verdict.OK, ok.interpretation().verdict());
    assertEquals(List.of(), ok.drivenBy(), "nothing drove an ok: nothing is listed");
    String api = "https://graph.facebook.com/";
    PlatformVerdict tech = platformOf(judge(round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, 80)),
        platform("facebook", httpsUpTo(api).http(http(api, FB_IP, 502, "Bad Gateway", "<h1>502</h1>"))))), "facebook");
    assertEquals(Verdict.TECHNICAL, tech.interpretation().verdict());
    assertEquals(List.of(api), tech.drivenBy());
  }

  @Test
  @DisplayName("platform roll-up: inconclusive when a failing endpoint is inconclusive and none is blocked")
  void platformRollupInconclusive() {
    PlatformVerdict p = platformOf(judge(round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, 80)),
        platform("facebook", tcpTimesOut("https://graph.facebook.com/", FB_IP)))), "facebook");
    assertEquals(Verdict.INCONCLUSIVE, p.interpretation().verdict());
    assertEquals(List.of("https://graph.facebook.com/"), p.drivenBy());
  }

  // --- purity --------------------------------------------------------------------------------------------

  @Test
  @DisplayName("pure: the same records give the same judgements")
  void pure() {
    RoundRecords r = round(healthyControls(), platform("facebook", tlsFails(CONNECTION_RESET)
        .sniSwap(tlsOk(FB_IP, NEUTRAL_SNI, 90))));
    assertEquals(judge(r), judge(r));
  }


}
