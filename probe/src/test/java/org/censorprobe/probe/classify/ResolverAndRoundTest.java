package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.*;
import static org.censorprobe.probe.classify.DecisionTableTest.*;
import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.record.Measurement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The configurations users run: extra resolvers (as the shipped targets.yaml has), a resolver the ISP drops, a
 * captive portal, a single control. Each resolver is judged on its own; none can make a platform fail on its
 * account.
 */
class ResolverAndRoundTest {
  static final String[][] CONTROLS = {{"control-a.example", "203.0.113.10"}, {"control-b.example", "203.0.113.11"},
      {"kz-control.example", "198.51.100.7"}};

  /** What each resolver does for every name: true answers it, false it times out. */
  static EndpointBuilder resolvedBy(EndpointBuilder b, String addr, boolean system, boolean extra1, boolean extra2) {
    String h = b.host();
    b.dns(system ? dnsOk(SYSTEM, h, addr) : List.of(dnsFail(SYSTEM, h, TIMEOUT, 1), dnsFail(SYSTEM, h, TIMEOUT, 2)));
    b.dns(extra1 ? dnsOk(EXTRA1, h, addr) : List.of(dnsFail(EXTRA1, h, TIMEOUT, 1), dnsFail(EXTRA1, h, TIMEOUT, 2)));
    b.dns(extra2 ? dnsOk(EXTRA2, h, addr) : List.of(dnsFail(EXTRA2, h, TIMEOUT, 1), dnsFail(EXTRA2, h, TIMEOUT, 2)));
    b.controlDns(dnsOk(CONTROL_RESOLVER, h, addr));
    return b;
  }

  static List<Measurement> controls(boolean system, boolean extra1, boolean extra2) {
    List<Measurement> out = new ArrayList<>();
    for (String[] c : CONTROLS) {
      String spec = "https://" + c[0] + "/";
      EndpointBuilder b = resolvedBy(endpoint(spec), c[1], system, extra1, extra2);
      if (system) {
        b.tcp(tcpOk(c[1], 443)).tls(tlsOk(c[1], c[0], 90)).http(http(spec, c[1], 200, "ok", "<title>ok</title>"));
      }
      out.add(control(b, c[0].startsWith("kz")));
    }
    return out;
  }

  static EndpointBuilder facebook(boolean system, boolean extra1, boolean extra2) {
    EndpointBuilder b = resolvedBy(endpoint(FB), FB_IP, system, extra1, extra2);
    if (system || extra1 || extra2) {
      b.tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, FB_HOST, 60));
      if (system) b.http(http(FB, FB_IP, 200, "Facebook", "<title>Facebook</title>"));
    }
    return b;
  }

  @Test
  @DisplayName("an extra resolver the ISP drops: every platform ok, the resolver itself inconclusive, never 'it answered the controls'")
  void extraResolverDropped() {
    JudgedRound r = judge(round(controls(true, false, true), platform("facebook", facebook(true, false, true))));
    for (Measurement m : r.platforms()) assertEquals(Verdict.OK, m.judgement().verdict(), m.judgement().interpretation().evidence());
    for (Measurement m : r.controls()) assertEquals(Verdict.OK, m.judgement().verdict());
    Interpretation dropped = resolver(r, EXTRA1);
    assertVerdict(dropped, Verdict.INCONCLUSIVE, Method.DNS_RESOLVER_UNREACHABLE, Confidence.LOW);
    assertTrue(dropped.evidence().contains(EXTRA1 + " answered 0 of 3 control names"), dropped.evidence());
    assertFalse(dropped.evidence().contains("3 of 3") && dropped.evidence().contains(EXTRA1 + " answered 3"));
    assertVerdict(resolver(r, EXTRA2), Verdict.OK, null, Confidence.HIGH);
    assertVerdict(resolver(r, SYSTEM), Verdict.OK, null, Confidence.HIGH);
  }

  @Test
  @DisplayName("two independent extra resolvers dropped while the system one works: blocking of foreign DNS, medium")
  void twoExtraResolversDropped() {
    JudgedRound r = judge(round(controls(true, false, false), platform("facebook", facebook(true, false, false))));
    assertEquals(Verdict.OK, of(r, "facebook", FB).verdict());
    for (String e : List.of(EXTRA1, EXTRA2)) {
      Interpretation c = resolver(r, e);
      assertVerdict(c, Verdict.BLOCKED, Method.DNS_RESOLVER_UNREACHABLE, Confidence.MEDIUM);
      assertEquals(2, c.fact(Fact.DnsFailures.class).orElseThrow().byResolver().size(), c.evidence());
    }
  }

  @Test
  @DisplayName("a dropped UDP resolver and a DoH resolver timing out are not a pattern: two acts, each inconclusive")
  void udpAndDohSilentAreNotOnePattern() {
    // The first landing's probe stored such a round (store/v1-lab-extra-resolver-dropped.db): its DoH control
    // resolver timed out for every name in the daemon's first round while the censor dropped one UDP resolver.
    List<Measurement> controls = new ArrayList<>();
    for (Measurement c : controls(true, false, true)) controls.add(withoutControlResolver(c));
    JudgedRound r = judge(round(controls, withoutControlResolver(platform("facebook", facebook(true, false, true)))));
    assertEquals(Verdict.OK, of(r, "facebook", FB).verdict());
    assertVerdict(resolver(r, EXTRA1), Verdict.INCONCLUSIVE, Method.DNS_RESOLVER_UNREACHABLE, Confidence.LOW);
    assertVerdict(resolver(r, CONTROL_RESOLVER), Verdict.INCONCLUSIVE, Method.DNS_RESOLVER_UNREACHABLE,
        Confidence.LOW);
  }

  @Test
  @DisplayName("one server asked over UDP and TCP, silent both ways, is one resolver failing: not a pattern")
  void oneServerTwoTransportsIsNotAPattern() {
    String udp = EXTRA1;
    String tcp = EXTRA1.replace("udp://", "tcp://");
    List<Measurement> controls = new ArrayList<>();
    for (String[] c : CONTROLS) {
      String spec = "https://" + c[0] + "/";
      EndpointBuilder b = endpoint(spec).dns(dnsOk(SYSTEM, c[0], c[1]))
          .dns(dnsFail(udp, c[0], TIMEOUT, 1), dnsFail(tcp, c[0], TIMEOUT, 1))
          .controlDns(dnsOk(CONTROL_RESOLVER, c[0], c[1]))
          .tcp(tcpOk(c[1], 443)).tls(tlsOk(c[1], c[0], 40)).http(http(spec, c[1], 200, "ok", "<title>ok</title>"));
      controls.add(control(b, c[0].startsWith("kz")));
    }
    JudgedRound r = judge(round(controls, platform("facebook", facebook(true, true, true))));
    for (String each : List.of(udp, tcp)) {
      assertVerdict(resolver(r, each), Verdict.INCONCLUSIVE, Method.DNS_RESOLVER_UNREACHABLE, Confidence.LOW);
    }
  }

  /** The same observations with the control resolver timing out for the name. */
  static Measurement withoutControlResolver(Measurement m) {
    var o = m.observations();
    var silent = o.controlDns().stream().map(d -> dnsFail(CONTROL_RESOLVER, d.query(), TIMEOUT, 1)).distinct()
        .toList();
    return m.withSteps(new org.censorprobe.format.observe.EndpointObservations(o.endpoint(), o.startedAt(),
        o.durationMs(), o.dns(), silent, o.tcp(), o.tls(), o.sniSwap(), o.http(), o.helper()));
  }

  @Test
  @DisplayName("the system resolver silent while extra resolvers answer: the probe's resolver is down, technical")
  void systemResolverSilent() {
    JudgedRound r = judge(round(controls(false, true, true), platform("facebook", facebook(false, true, true))));
    assertVerdict(of(r, "facebook", FB), Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertVerdict(resolver(r, SYSTEM), Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH);
    assertVerdict(resolver(r, EXTRA1), Verdict.OK, null, Confidence.HIGH);
    for (Measurement m : r.all()) assertNotEquals(Verdict.BLOCKED, m.judgement().verdict(), m.endpoint());
  }

  @Test
  @DisplayName("an extra resolver answering a bogon for one name while the system one is honest: that resolver's finding only")
  void extraResolverTampered() {
    EndpointBuilder fb = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, FB_IP)).dns(dnsOk(EXTRA1, FB_HOST, "10.10.34.36"))
        .dns(dnsOk(EXTRA2, FB_HOST, FB_IP)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, FB_HOST, 60)).http(http(FB, FB_IP, 200, "Facebook", "<title>Facebook"));
    JudgedRound r = judge(round(controls(true, true, true), platform("facebook", fb)));
    assertVerdict(of(r, "facebook", FB), Verdict.OK, null, Confidence.HIGH);
    Interpretation e = resolver(r, EXTRA1);
    assertVerdict(e, Verdict.BLOCKED, Method.DNS_BOGON, Confidence.HIGH);
    Fact.TamperedName t = e.fact(Fact.TamperedNames.class).orElseThrow().names().get(0);
    assertEquals(FB_HOST, t.name());
    assertEquals(List.of(ip("10.10.34.36")), t.addresses());
  }

  @Test
  @DisplayName("international link cut: foreign resolvers that answer nothing are the cut's, technical, never blocked")
  void gatewayCutExplainsSilentResolvers() {
    List<Measurement> controls = new ArrayList<>();
    for (String[] c : CONTROLS) {
      String spec = "https://" + c[0] + "/";
      boolean domestic = c[0].startsWith("kz");
      EndpointBuilder b = endpoint(spec).dns(dnsOk(SYSTEM, c[0], c[1]))
          .dns(dnsFail(EXTRA1, c[0], TIMEOUT, 1), dnsFail(EXTRA2, c[0], TIMEOUT, 1))
          .controlDns(dnsFail(CONTROL_RESOLVER, c[0], TIMEOUT, 1));
      if (domestic) {
        b.tcp(tcpOk(c[1], 443)).tls(tlsOk(c[1], c[0], 40)).http(http(spec, c[1], 200, "ok", "<title>ok</title>"));
      } else {
        b.tcp(tcpFail(c[1], 443, TIMEOUT, 1), tcpFail(c[1], 443, TIMEOUT, 2));
      }
      controls.add(control(b, domestic));
    }
    EndpointBuilder fb = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, FB_IP))
        .dns(dnsFail(EXTRA1, FB_HOST, TIMEOUT, 1), dnsFail(EXTRA2, FB_HOST, TIMEOUT, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, FB_HOST, TIMEOUT, 1))
        .tcp(tcpFail(FB_IP, 443, TIMEOUT, 1), tcpFail(FB_IP, 443, TIMEOUT, 2));
    JudgedRound r = judge(round(controls, platform("facebook", fb)));
    assertEquals(LocalNetwork.GATEWAY_CUT, r.platforms().get(0).judgement().round().localNetwork());
    assertVerdict(of(r, "facebook", FB), Verdict.TECHNICAL, Method.NETWORK_GATEWAY_CUT, Confidence.HIGH);
    for (String foreign : List.of(EXTRA1, EXTRA2, CONTROL_RESOLVER)) {
      Interpretation c = resolver(r, foreign);
      assertVerdict(c, Verdict.TECHNICAL, Method.NETWORK_GATEWAY_CUT, Confidence.MEDIUM);
      assertEquals(Method.DNS_RESOLVER_UNREACHABLE, c.fact(Fact.Replaced.class).orElseThrow().method(), c.evidence());
    }
    assertVerdict(resolver(r, SYSTEM), Verdict.OK, null, Confidence.HIGH);
  }

  @Test
  @DisplayName("the users' path answers a dead address that the remote vantage cannot reach either, yet the platform"
      + " validated at the control resolver's address: inconclusive, never 'the platform's server was down'")
  void deadPathAddressWhileThePlatformAnswersElsewhere() {
    String sink = "192.0.2.66";
    // Scenario 42 without its late replies: every plain-DNS resolver got the forged answer, the DoH one the truth.
    EndpointBuilder fb = endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, sink)).dns(dnsOk(EXTRA1, FB_HOST, sink))
        .dns(dnsOk(EXTRA2, FB_HOST, sink)).controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP))
        .tcp(tcpFail(sink, 443, CONNECTION_REFUSED, 1), tcpFail(sink, 443, CONNECTION_REFUSED, 2), tcpOk(FB_IP, 443))
        .tls(tlsOk(FB_IP, FB_HOST, 60)).helper(remoteSaw(sink, false, false, 0));
    JudgedRound r = judge(round(controls(true, true, true), platform("facebook", fb)));
    Interpretation c = of(r, "facebook", FB);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.TCP_REFUSED, Confidence.LOW);
    Fact.Handshake elsewhere = c.fact(Fact.Handshakes.class).orElseThrow().handshakes().get(0);
    assertEquals(ip(FB_IP), elsewhere.address().address());
    assertTrue(elsewhere.ok(), c.evidence());
    assertEquals(Fact.RemoteOutcome.FAILED, c.fact(Fact.Remote.class).orElseThrow().outcome());
  }

  @Test
  @DisplayName("network.captive_portal: the portal-check control answers a login page that other names lead to as well")
  void captivePortal() {
    String check = "http://detectportal.example/success.txt";
    String portal = "http://portal.hotel.example/login";
    var login = new org.censorprobe.format.observe.HttpExchange("GET", portal, ip("192.0.2.80"), 1, T0, 10, 200,
        java.util.Map.of(), 500, false, "portal-sha", "Welcome to the hotel", "<title>Welcome</title>", 5.0, null,
        null, 0);
    Measurement checkControl = control(endpoint(check).resolves("192.0.2.80").tcp(tcpOk("192.0.2.80", 80))
        .http(http(check, "192.0.2.80", 302, null, ""), login), false, new ContentExpectation(200, "success"));
    Measurement httpsControl = control(endpoint("https://control-a.example/").resolves("203.0.113.10")
        .tcp(tcpOk("203.0.113.10", 443)).tls(tlsFail("203.0.113.10", "control-a.example", CONNECTION_RESET, 2)), false);
    String vk = "http://vk.com/";
    EndpointBuilder vkToPortal = endpoint(vk).resolves("192.0.2.80").tcp(tcpOk("192.0.2.80", 80))
        .http(http(vk, "192.0.2.80", 302, null, ""), login);
    JudgedRound r = judge(round(List.of(checkControl, httpsControl), platform("facebook", tlsFails(CONNECTION_RESET)),
        platform("vk", vkToPortal)));
    assertEquals(LocalNetwork.CAPTIVE_PORTAL, r.platforms().get(0).judgement().round().localNetwork());
    for (Measurement m : r.platforms()) {
      assertVerdict(m.judgement().interpretation(), Verdict.TECHNICAL, Method.NETWORK_CAPTIVE_PORTAL, Confidence.HIGH);
    }
    assertEquals(Method.NETWORK_CAPTIVE_PORTAL, controlOf(r, check).method());
  }

  @Test
  @DisplayName("behind a captive portal a resolver that answers nothing is the portal's, technical")
  void captivePortalExplainsSilentResolvers() {
    String check = "http://detectportal.example/success.txt";
    String portal = "http://portal.hotel.example/login";
    var login = new org.censorprobe.format.observe.HttpExchange("GET", portal, ip("192.0.2.80"), 1, T0, 10, 200,
        java.util.Map.of(), 500, false, "portal-sha", "Welcome to the hotel", "<title>Welcome</title>", 5.0, null,
        null, 0);
    // The DoH control resolver fails on the portal's certificate for every name.
    Measurement checkControl = control(endpoint(check).dns(dnsOk(SYSTEM, "detectportal.example", "192.0.2.80"))
        .controlDns(dnsFail(CONTROL_RESOLVER, "detectportal.example", SSL_UNKNOWN_AUTHORITY, 1))
        .tcp(tcpOk("192.0.2.80", 80)).http(http(check, "192.0.2.80", 302, null, ""), login), false,
        new ContentExpectation(200, "success"));
    String vk = "http://vk.com/";
    EndpointBuilder vkToPortal = endpoint(vk).dns(dnsOk(SYSTEM, "vk.com", "192.0.2.80"))
        .controlDns(dnsFail(CONTROL_RESOLVER, "vk.com", SSL_UNKNOWN_AUTHORITY, 1)).tcp(tcpOk("192.0.2.80", 80))
        .http(http(vk, "192.0.2.80", 302, null, ""), login);
    JudgedRound r = judge(round(List.of(checkControl), platform("vk", vkToPortal)));
    assertEquals(LocalNetwork.CAPTIVE_PORTAL, r.platforms().get(0).judgement().round().localNetwork());
    Interpretation doh = resolver(r, CONTROL_RESOLVER);
    assertVerdict(doh, Verdict.TECHNICAL, Method.NETWORK_CAPTIVE_PORTAL, Confidence.MEDIUM);
  }

  @Test
  @DisplayName("a portal-check control answering another page, alone: that control failed, nothing more")
  void contentCheckFailsAlone() {
    String check = "http://detectportal.example/success.txt";
    Measurement checkControl = control(endpoint(check).resolves("192.0.2.80").tcp(tcpOk("192.0.2.80", 80))
        .http(http(check, "192.0.2.80", 200, "Maintenance", "<title>Maintenance</title>")), false,
        new ContentExpectation(200, "success"));
    JudgedRound r = judge(round(List.of(checkControl, controlOk("https://control-a.example/", "203.0.113.10", false)),
        platform("facebook", healthyHttps(FB, FB_IP, 60))));
    Interpretation c = controlOf(r, check);
    assertVerdict(c, Verdict.TECHNICAL, Method.CONTROL_UNEXPECTED_CONTENT, Confidence.MEDIUM);
    assertEquals(LocalNetwork.DEGRADED, r.platforms().get(0).judgement().round().localNetwork());
    assertEquals(Verdict.OK, of(r, "facebook", FB).verdict());
  }

  @Test
  @DisplayName("one control, its server down, another platform reachable: the uplink is not called down, nothing blocked")
  void singleControlDown() {
    String sharedIp = "203.0.113.10";
    Measurement only = controlTimingOut("https://control-a.example/", sharedIp, false);
    JudgedRound r = judge(round(List.of(only), platform("news", tcpTimesOut("https://news.example/", sharedIp)),
        platform("facebook", healthyHttps(FB, FB_IP, 60))));
    assertEquals(LocalNetwork.DEGRADED, r.platforms().get(0).judgement().round().localNetwork());
    assertVerdict(of(r, "news", "https://news.example/"), Verdict.INCONCLUSIVE, Method.TCP_TIMEOUT, Confidence.LOW);
    assertEquals(Verdict.OK, of(r, "facebook", FB).verdict());
    for (Measurement m : r.all()) assertNotEquals(Method.NETWORK_DOWN, m.judgement().method(), m.endpoint());
  }

  @Test
  @DisplayName("one control is a weak witness: a failure the remote vantage confirms is blocked, medium at most, and says so")
  void singleControlWeakWitness() {
    JudgedRound r = judge(round(List.of(controlOk("https://control-a.example/", "203.0.113.10", false)),
        platform("facebook", tcpTimesOut(FB, FB_IP).helper(remoteSaw(FB_IP, true, true, 200)))));
    Interpretation c = of(r, "facebook", FB);
    assertVerdict(c, Verdict.BLOCKED, Method.TCP_TIMEOUT, Confidence.MEDIUM);
    assertTrue(c.evidence().contains("a single control is a weak witness"), c.evidence());
  }

  @Test
  @DisplayName("no controls configured: nothing can be called blocked")
  void noControls() {
    JudgedRound r = judge(round(List.of(), platform("facebook", endpoint(FB).dns(dnsOk(SYSTEM, FB_HOST, "10.10.34.35"))
        .controlDns(dnsOk(CONTROL_RESOLVER, FB_HOST, FB_IP)))));
    Interpretation c = of(r, "facebook", FB);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_BOGON, Confidence.LOW);
    assertEquals(LocalNetwork.UNKNOWN, r.platforms().get(0).judgement().round().localNetwork());
  }
}
