package org.censorprobe.probe.classify;

import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.censorprobe.probe.observe.DnsObservation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code dns://} endpoint (OONI's facebook_messenger only resolves stun.fbsbx.com) has DNS observations and
 * nothing else: the DNS rows of the decision table judge it, and no row of another layer ever does.
 */
class DnsOnlyEndpointTest {
  private static final Classifier CLASSIFIER = classifier();
  private static final String STUN = "dns://stun.fbsbx.com";
  private static final String HOST = "stun.fbsbx.com";
  private static final String IP = "157.240.1.20";

  private static Classification judge(List<ControlObservations> controls, EndpointBuilder e) {
    return CLASSIFIER.classify(round(controls, platform("facebook", e.build()))).endpoint("facebook", STUN);
  }

  private static void assertVerdict(Classification c, Verdict v, String method, Confidence conf) {
    assertAll(c.evidence(),
        () -> assertEquals(v, c.verdict(), "verdict"),
        () -> assertEquals(method, c.method(), "method"),
        () -> assertEquals(conf, c.confidence(), "confidence"));
  }

  @Test
  @DisplayName("ok: the local and the control resolver agree; nothing was dialled and nothing is missing")
  void agreeingAnswersAreOk() {
    Classification c = judge(healthyControls(), endpoint(STUN).resolves(IP));
    assertEquals(Verdict.OK, c.verdict(), c.evidence());
  }

  @Test
  @DisplayName("dns.nxdomain: NXDOMAIN locally while the control resolver answered")
  void nxdomainLocallyIsBlocked() {
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, "dns_nxdomain_error", 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertVerdict(judge(healthyControls(), e), Verdict.BLOCKED, Methods.DNS_NXDOMAIN, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.bogon: a private address for the name")
  void bogonIsBlocked() {
    EndpointBuilder e = endpoint(STUN).dns(dnsOk(SYSTEM, HOST, "10.10.34.35")).controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertVerdict(judge(healthyControls(), e), Verdict.BLOCKED, Methods.DNS_BOGON, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.inconsistent inconclusive: different answers, and only DNS to go on, is never blocked")
  void differentAnswersWithoutAConnectionAreInconclusive() {
    EndpointBuilder e = endpoint(STUN).dns(dnsOk(SYSTEM, HOST, "31.13.72.3")).controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    Classification c = judge(healthyControls(), e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Methods.DNS_INCONSISTENT, Confidence.LOW);
    assertTrue(c.evidence().contains("only DNS is measured"), c.evidence());
    assertFalse(c.evidence().contains("page"), "no page was loaded: " + c.evidence());
  }

  @Test
  @DisplayName("target.gone: NXDOMAIN at the control resolver too")
  void nxdomainEverywhereIsGone() {
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, "dns_nxdomain_error", 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, HOST, "dns_nxdomain_error", 1));
    assertVerdict(judge(healthyControls(), e), Verdict.TECHNICAL, Methods.TARGET_GONE, Confidence.HIGH);
  }

  @Test
  @DisplayName("network.down: every control failed, so even a lying resolver is not called blocking")
  void everyControlDownIsTechnical() {
    List<ControlObservations> down = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://kz-control.example/", "198.51.100.7", true));
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, "dns_nxdomain_error", 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertVerdict(judge(down, e), Verdict.TECHNICAL, Methods.NETWORK_DOWN, Confidence.HIGH);
  }

  enum Local { SAME, OTHER, BOGON, NXDOMAIN, TIMEOUT, SERVFAIL }

  enum Control { SAME, NXDOMAIN, TIMEOUT }

  private static final Set<String> NOT_DNS_BUT_ALLOWED = Set.of(Methods.TARGET_GONE, Methods.TARGET_DOWN,
      Methods.NETWORK_DOWN, Methods.NETWORK_GATEWAY_CUT);

  /** Every combination: the inputs are few enough to try them all rather than a random sample. */
  static Stream<Arguments> everyCombination() {
    List<Arguments> out = new ArrayList<>();
    for (Local l : Local.values()) {
      for (Control c : Control.values()) {
        for (boolean up : new boolean[] {true, false}) {
          for (boolean retried : new boolean[] {true, false}) out.add(Arguments.of(l, c, up, retried));
        }
      }
    }
    return out.stream();
  }

  /** Whatever the resolvers say, a DNS-only endpoint is judged by a DNS row, the controls or the target's name. */
  @ParameterizedTest(name = "local {0}, control {1}, controls up {2}, retried {3}")
  @MethodSource("everyCombination")
  void onlyDnsRowsJudgeIt(Local local, Control control, boolean controlsUp, boolean retried) {
    List<DnsObservation> dns = new ArrayList<>();
    for (int attempt = 1; attempt <= (retried ? 2 : 1); attempt++) {
      dns.add(switch (local) {
        case SAME -> dnsOk(SYSTEM, HOST, IP);
        case OTHER -> dnsOk(SYSTEM, HOST, "31.13.72.3");
        case BOGON -> dnsOk(SYSTEM, HOST, "127.0.0.1");
        case NXDOMAIN -> dnsFail(SYSTEM, HOST, "dns_nxdomain_error", attempt);
        case TIMEOUT -> dnsFail(SYSTEM, HOST, "generic_timeout_error", attempt);
        case SERVFAIL -> dnsFail(SYSTEM, HOST, "dns_servfail_error", attempt);
      });
    }
    DnsObservation c = switch (control) {
      case SAME -> dnsOk(CONTROL_RESOLVER, HOST, IP);
      case NXDOMAIN -> dnsFail(CONTROL_RESOLVER, HOST, "dns_nxdomain_error", 1);
      case TIMEOUT -> dnsFail(CONTROL_RESOLVER, HOST, "generic_timeout_error", 1);
    };
    List<ControlObservations> controls = controlsUp ? healthyControls()
        : List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false));
    Classification v = judge(controls, endpoint(STUN).dns(dns.toArray(DnsObservation[]::new)).controlDns(c));

    assertNotNull(v.evidence());
    if (v.verdict() == Verdict.OK) return;
    assertTrue(v.method().startsWith("dns.") || NOT_DNS_BUT_ALLOWED.contains(v.method()), v::toString);
    if (v.verdict() == Verdict.BLOCKED) {
      assertTrue(v.method().startsWith("dns."), v::toString);
      assertTrue(controlsUp, "blocked while every control failed: " + v);
    }
  }
}
