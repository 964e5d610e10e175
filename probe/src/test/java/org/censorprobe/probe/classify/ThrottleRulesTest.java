package org.censorprobe.probe.classify;

import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The throttling rows: slow against the same round's controls, past the floor, for consecutive rounds. */
class ThrottleRulesTest {
  private static final Classifier CLASSIFIER = classifier();
  private static final String FB = "https://www.facebook.com/";
  private static final String FB_IP = "157.240.1.35";

  /** Controls complete handshakes in 100 ms; the platform in {@code handshakeMs}. */
  private static RoundObservations round(double handshakeMs, ThrottleHistory history) {
    return new RoundObservations(List.of(platform("facebook", healthyHttps(FB, FB_IP, handshakeMs).build())),
        healthyControls(), history);
  }

  @Test
  @DisplayName("tls.throttled: handshakes over the floor and 5x the controls' for 2 consecutive rounds")
  void tlsThrottled() {
    RoundVerdicts first = CLASSIFIER.classify(round(4200, ThrottleHistory.EMPTY));
    assertEquals(Verdict.OK, first.endpoint("facebook", FB).verdict(), "one slow round is not enough");
    assertEquals(1, first.history().slowRounds(ThrottleHistory.key("facebook", FB)));

    RoundVerdicts second = CLASSIFIER.classify(round(4500, first.history()));
    Classification c = second.endpoint("facebook", FB);
    assertEquals(Verdict.BLOCKED, c.verdict(), c.evidence());
    assertEquals(Methods.TLS_THROTTLED, c.method());
    assertEquals(Confidence.MEDIUM, c.confidence());
    assertEquals(2, ((Map<?, ?>) c.facts().get("throttle")).get("slow_rounds"));
  }

  @Test
  @DisplayName("not throttled: a fast round breaks the streak")
  void fastRoundResetsStreak() {
    RoundVerdicts first = CLASSIFIER.classify(round(4200, ThrottleHistory.EMPTY));
    RoundVerdicts second = CLASSIFIER.classify(round(120, first.history()));
    assertEquals(Verdict.OK, second.endpoint("facebook", FB).verdict());
    assertEquals(0, second.history().slowRounds(ThrottleHistory.key("facebook", FB)));
  }

  @Test
  @DisplayName("not throttled: under the floor, however many times slower than the controls")
  void underFloor() {
    RoundVerdicts first = CLASSIFIER.classify(round(1500, ThrottleHistory.EMPTY));
    RoundVerdicts second = CLASSIFIER.classify(round(1500, first.history()));
    assertEquals(Verdict.OK, second.endpoint("facebook", FB).verdict());
    assertEquals(0, second.history().slowRounds(ThrottleHistory.key("facebook", FB)));
  }

  @Test
  @DisplayName("http.throttled: transfer rate far below the controls' for 2 rounds (handshake normal)")
  void httpThrottled() {
    var ctrl = new java.util.ArrayList<ControlObservations>();
    for (String[] c : new String[][] {{"https://control-a.example/", "203.0.113.10"}, {"https://control-b.example/", "203.0.113.11"}}) {
      var b = endpoint(c[0]);
      b.resolves(c[1]).tcp(tcpOk(c[1], 443)).tls(tlsOk(c[1], b.host(), 100))
          .http(httpTimed(c[0], c[1], 90, 500_000, 2_000_000));
      ctrl.add(new ControlObservations(new org.censorprobe.probe.config.ControlTarget(
          org.censorprobe.probe.config.Endpoint.parse(c[0]), false), b.observations()));
    }
    var slow = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, "www.facebook.com", 110))
        .http(httpTimed(FB, FB_IP, 95, 500_000, 40_000)).build();
    RoundVerdicts first = CLASSIFIER.classify(new RoundObservations(List.of(platform("facebook", slow)), ctrl, ThrottleHistory.EMPTY));
    RoundVerdicts second = CLASSIFIER.classify(new RoundObservations(List.of(platform("facebook", slow)), ctrl, first.history()));
    Classification c = second.endpoint("facebook", FB);
    assertEquals(Verdict.BLOCKED, c.verdict(), c.evidence());
    assertEquals(Methods.HTTP_THROTTLED, c.method());
  }
}
