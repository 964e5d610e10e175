package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.*;
import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Layer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.record.Measurement;
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
  private static final String STUN = "dns://stun.fbsbx.com";
  private static final String HOST = "stun.fbsbx.com";
  private static final String IP = "157.240.1.20";

  private static Interpretation judgeOne(List<Measurement> controls, EndpointBuilder e) {
    return of(judge(round(controls, platform("facebook", e))), "facebook", STUN);
  }

  private static void assertVerdict(Interpretation c, Verdict v, Method method, Confidence conf) {
    assertAll(c.evidence(),
        () -> assertEquals(v, c.verdict(), "verdict"),
        () -> assertEquals(method, c.method(), "method"),
        () -> assertEquals(conf, c.confidence(), "confidence"));
  }

  @Test
  @DisplayName("ok: the local and the control resolver agree; nothing was dialled and nothing is missing")
  void agreeingAnswersAreOk() {
    Interpretation c = judgeOne(healthyControls(), endpoint(STUN).resolves(IP));
    assertEquals(Verdict.OK, c.verdict(), c.evidence());
  }

  @Test
  @DisplayName("dns.nxdomain: NXDOMAIN locally while the control resolver answered")
  void nxdomainLocallyIsBlocked() {
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, DNS_NXDOMAIN, 1), dnsFail(SYSTEM, HOST, DNS_NXDOMAIN, 2))
        .controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertVerdict(judgeOne(healthyControls(), e), Verdict.BLOCKED, Method.DNS_NXDOMAIN, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.bogon: a private address for the name")
  void bogonIsBlocked() {
    EndpointBuilder e = endpoint(STUN).dns(dnsOk(SYSTEM, HOST, "10.10.34.35")).controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertVerdict(judgeOne(healthyControls(), e), Verdict.BLOCKED, Method.DNS_BOGON, Confidence.HIGH);
  }

  @Test
  @DisplayName("dns.inconsistent inconclusive: different answers, and only DNS to go on, is never blocked")
  void differentAnswersWithoutAConnectionAreInconclusive() {
    EndpointBuilder e = endpoint(STUN).dns(dnsOk(SYSTEM, HOST, "31.13.72.3")).controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    Interpretation c = judgeOne(healthyControls(), e);
    assertVerdict(c, Verdict.INCONCLUSIVE, Method.DNS_INCONSISTENT, Confidence.LOW);
    assertFalse(c.evidence().contains("page"), "no page was loaded: " + c.evidence());
    assertFalse(c.fact(Fact.MissingEvidence.class).isEmpty(), "says what is missing: " + c);
  }

  @Test
  @DisplayName("target.gone: NXDOMAIN at the control resolver too")
  void nxdomainEverywhereIsGone() {
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, DNS_NXDOMAIN, 1))
        .controlDns(dnsFail(CONTROL_RESOLVER, HOST, DNS_NXDOMAIN, 1));
    assertVerdict(judgeOne(healthyControls(), e), Verdict.TECHNICAL, Method.TARGET_GONE, Confidence.HIGH);
  }

  @Test
  @DisplayName("controls all timing out: even a lying resolver is not called blocking")
  void everyControlDownIsNotBlocked() {
    List<Measurement> down = List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false),
        controlTimingOut("https://kz-control.example/", "198.51.100.7", true));
    EndpointBuilder e = endpoint(STUN).dns(dnsFail(SYSTEM, HOST, DNS_NXDOMAIN, 1))
        .controlDns(dnsOk(CONTROL_RESOLVER, HOST, IP));
    assertNotEquals(Verdict.BLOCKED, judgeOne(down, e).verdict());
  }

  enum Local { SAME, OTHER, BOGON, NXDOMAIN, TIMEOUT, SERVFAIL }

  enum Control { SAME, NXDOMAIN, TIMEOUT }

  private static final Set<Method> NOT_DNS_BUT_ALLOWED = Set.of(Method.TARGET_GONE, Method.TARGET_DOWN,
      Method.NETWORK_DOWN, Method.NETWORK_GATEWAY_CUT);

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
      switch (local) {
        case SAME -> dns.addAll(dnsOk(SYSTEM, HOST, IP));
        case OTHER -> dns.addAll(dnsOk(SYSTEM, HOST, "31.13.72.3"));
        case BOGON -> dns.addAll(dnsOk(SYSTEM, HOST, "127.0.0.1"));
        case NXDOMAIN -> dns.add(dnsFail(SYSTEM, HOST, DNS_NXDOMAIN, attempt));
        case TIMEOUT -> dns.add(dnsFail(SYSTEM, HOST, TIMEOUT, attempt));
        case SERVFAIL -> dns.add(dnsFail(SYSTEM, HOST, DNS_SERVFAIL, attempt));
      }
    }
    List<DnsObservation> c = switch (control) {
      case SAME -> dnsOk(CONTROL_RESOLVER, HOST, IP);
      case NXDOMAIN -> List.of(dnsFail(CONTROL_RESOLVER, HOST, DNS_NXDOMAIN, 1));
      case TIMEOUT -> List.of(dnsFail(CONTROL_RESOLVER, HOST, TIMEOUT, 1));
    };
    List<Measurement> controls = controlsUp ? healthyControls()
        : List.of(controlTimingOut("https://control-a.example/", "203.0.113.10", false));
    Interpretation v = judgeOne(controls, endpoint(STUN).dns(dns).controlDns(c));

    assertNotNull(v.evidence());
    if (v.verdict() == Verdict.OK) return;
    assertTrue(v.method().layer() == Layer.DNS || NOT_DNS_BUT_ALLOWED.contains(v.method()), v::toString);
    if (v.verdict() == Verdict.BLOCKED) {
      assertEquals(Layer.DNS, v.method().layer(), v::toString);
      assertTrue(controlsUp, "blocked while every control failed: " + v);
    }
  }
}
