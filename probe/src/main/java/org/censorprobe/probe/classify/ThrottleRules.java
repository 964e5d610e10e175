package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Fact.SlowFigure;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.config.ClassifierSettings;

/**
 * The throttling rows, for endpoints whose path worked. A figure is slow when it is past the floor and
 * {@code ratio} times worse than the median of the reachable controls in the same round; {@code rounds}
 * consecutive slow rounds make a verdict. A round without control figures to compare neither counts nor breaks
 * the streak.
 */
final class ThrottleRules {
  private final ClassifierSettings settings;

  ThrottleRules(ClassifierSettings settings) {
    this.settings = settings;
  }

  /** The throttled finding, an ok carrying the streak so far, or null; records the count into {@code next}. */
  Finding evaluate(String key, EndpointView v, RoundState round, ThrottleHistory history, ThrottleHistory.Next next) {
    double floorMs = settings.throttleFloor().toMillis();
    double ratio = settings.throttleRatio();
    List<SlowFigure> slow = new ArrayList<>();
    boolean compared = false;

    List<Double> handshakes = new ArrayList<>();
    for (IpPort t : v.pathTargets()) {
      TlsObservation h = v.tls.get(t);
      if (h != null && h.ok()) handshakes.add(h.durationMs());
    }
    Double hs = RoundState.median(handshakes);
    Double controlHs = round.controlHandshakeMs();
    if (hs != null && controlHs != null) {
      compared = true;
      if (hs > floorMs && hs > ratio * controlHs) slow.add(SlowFigure.HANDSHAKE);
    } else {
      hs = null;
      controlHs = null;
    }
    HttpExchange last = v.lastHop();
    Double ttfb = last == null ? null : last.timeToFirstByteMs();
    Double controlTtfb = round.controlTtfbMs();
    if (ttfb != null && controlTtfb != null) {
      compared = true;
      if (ttfb > floorMs && ttfb > ratio * controlTtfb) slow.add(SlowFigure.TTFB);
    } else {
      ttfb = null;
      controlTtfb = null;
    }
    Double rate = last == null || last.bodyLength() < ControlOutcome.MIN_RATE_BYTES ? null
        : last.transferBytesPerSecond();
    Double controlRate = round.controlBytesPerSecond();
    if (rate != null && rate > 0 && controlRate != null) {
      compared = true;
      double transferMs = 1000.0 * last.bodyLength() / rate;
      if (transferMs > floorMs && controlRate > ratio * rate) slow.add(SlowFigure.TRANSFER_RATE);
    } else {
      rate = null;
      controlRate = null;
    }

    int count = history.slowRounds(key);
    if (compared) count = slow.isEmpty() ? 0 : count + 1;
    if (count > 0) next.slow(key, count);
    if (count == 0) return null;
    Fact.Throttle fact = new Fact.Throttle(slow, hs, controlHs, ttfb, controlTtfb, rate, controlRate, count, ratio,
        floorMs);
    if (slow.isEmpty() || count < settings.throttleRounds()) {
      return Finding.decided(Verdict.OK, null, Confidence.MEDIUM, List.of(fact));
    }
    Method m = slow.contains(SlowFigure.HANDSHAKE) ? Method.TLS_THROTTLED : Method.HTTP_THROTTLED;
    return Finding.proof(m, Confidence.MEDIUM, List.of(fact));
  }
}
