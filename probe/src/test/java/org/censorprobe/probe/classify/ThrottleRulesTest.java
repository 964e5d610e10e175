package org.censorprobe.probe.classify;

import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The throttling rows: slow against the same round's controls, past the floor, for consecutive rounds. */
class ThrottleRulesTest {
  private static final Classifier CLASSIFIER = classifier();
  private static final String FB = "https://www.facebook.com/";
  private static final String FB_IP = "157.240.1.35";

  /** Controls complete handshakes in 100 ms; the platform in {@code handshakeMs}. */
  private static JudgedRound round(double handshakeMs, ThrottleHistory history) {
    return CLASSIFIER.judge(Recorded.round(healthyControls(), platform("facebook", healthyHttps(FB, FB_IP, handshakeMs))),
        history, T0);
  }

  @Test
  @DisplayName("tls.throttled: handshakes over the floor and 5x the controls' for 2 consecutive rounds")
  void tlsThrottled() {
    JudgedRound first = round(4200, ThrottleHistory.EMPTY);
    assertEquals(Verdict.OK, of(first, "facebook", FB).verdict(), "one slow round is not enough");
    assertEquals(1, first.history().slowRounds(ThrottleHistory.key("facebook", FB)));

    JudgedRound second = round(4500, first.history());
    Interpretation c = of(second, "facebook", FB);
    assertEquals(Verdict.BLOCKED, c.verdict(), c.evidence());
    assertEquals(Method.TLS_THROTTLED, c.method());
    assertEquals(Confidence.MEDIUM, c.confidence());
    assertEquals(2, c.fact(Fact.Throttle.class).orElseThrow().slowRounds());
  }

  @Test
  @DisplayName("not throttled: a fast round breaks the streak")
  void fastRoundResetsStreak() {
    JudgedRound first = round(4200, ThrottleHistory.EMPTY);
    JudgedRound second = round(120, first.history());
    assertEquals(Verdict.OK, of(second, "facebook", FB).verdict());
    assertEquals(0, second.history().slowRounds(ThrottleHistory.key("facebook", FB)));
  }

  @Test
  @DisplayName("not throttled: under the floor, however many times slower than the controls")
  void underFloor() {
    JudgedRound first = round(1500, ThrottleHistory.EMPTY);
    JudgedRound second = round(1500, first.history());
    assertEquals(Verdict.OK, of(second, "facebook", FB).verdict());
    assertEquals(0, second.history().slowRounds(ThrottleHistory.key("facebook", FB)));
  }

  @Test
  @DisplayName("http.throttled: transfer rate far below the controls' for 2 rounds (handshake normal)")
  void httpThrottled() {
    List<Measurement> ctrl = new ArrayList<>();
    for (String[] c : new String[][] {{"https://control-a.example/", "203.0.113.10"},
        {"https://control-b.example/", "203.0.113.11"}}) {
      var b = endpoint(c[0]);
      b.resolves(c[1]).tcp(tcpOk(c[1], 443)).tls(tlsOk(c[1], b.host(), 100))
          .http(httpTimed(c[0], c[1], 90, 500_000, 2_000_000));
      ctrl.add(control(b, false));
    }
    var slow = endpoint(FB).resolves(FB_IP).tcp(tcpOk(FB_IP, 443)).tls(tlsOk(FB_IP, "www.facebook.com", 110))
        .http(httpTimed(FB, FB_IP, 95, 500_000, 40_000));
    RoundRecords r = Recorded.round(ctrl, platform("facebook", slow));
    JudgedRound first = CLASSIFIER.judge(r, ThrottleHistory.EMPTY, T0);
    JudgedRound second = CLASSIFIER.judge(r, first.history(), T0);
    Interpretation c = of(second, "facebook", FB);
    assertEquals(Verdict.BLOCKED, c.verdict(), c.evidence());
    assertEquals(Method.HTTP_THROTTLED, c.method());
  }
}
