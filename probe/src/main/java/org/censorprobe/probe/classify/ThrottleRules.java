package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.TlsObservation;

/**
 * The throttling rows, for endpoints whose every step worked. A figure is slow when it is past the floor and
 * {@code ratio} times worse than the median of the ok controls in the same round; {@code rounds} consecutive slow
 * rounds make a verdict. A round without control figures to compare neither counts nor breaks the streak.
 */
final class ThrottleRules {
  /** Transfer rates of smaller bodies are dominated by latency and say nothing about bandwidth. */
  static final long MIN_RATE_BYTES = 64 * 1024;
  private final ClassifierSettings settings;

  ThrottleRules(ClassifierSettings settings) {
    this.settings = settings;
  }

  /** The throttled finding, or null; records this round's slow count into {@code next}. */
  Finding evaluate(String key, EndpointObservations o, ControlState controls, ThrottleHistory history,
                   ThrottleHistory.Next next) {
    double floorMs = settings.throttleFloor().toMillis();
    double ratio = settings.throttleRatio();
    List<String> slow = new ArrayList<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    boolean compared = false;

    Double hs = median(Attempts.tls(o.tls()).stream().filter(TlsObservation::ok).map(TlsObservation::durationMs).toList());
    Double controlHs = median(controls.handshakeMs);
    if (hs != null && controlHs != null) {
      compared = true;
      figures.put("handshake_ms", hs);
      figures.put("control_handshake_ms", controlHs);
      if (hs > floorMs && hs > ratio * controlHs) slow.add("handshake");
    }
    List<HttpExchange> chain = Attempts.http(o.http());
    HttpExchange last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
    Double controlTtfb = median(controls.ttfbMs);
    if (last != null && last.timeToFirstByteMs() != null && controlTtfb != null) {
      compared = true;
      figures.put("ttfb_ms", last.timeToFirstByteMs());
      figures.put("control_ttfb_ms", controlTtfb);
      if (last.timeToFirstByteMs() > floorMs && last.timeToFirstByteMs() > ratio * controlTtfb) slow.add("ttfb");
    }
    Double controlRate = median(controls.bytesPerSecond);
    if (last != null && last.transferBytesPerSecond() != null && last.transferBytesPerSecond() > 0
        && last.bodyLength() >= MIN_RATE_BYTES && controlRate != null) {
      compared = true;
      double rate = last.transferBytesPerSecond();
      double transferMs = 1000.0 * last.bodyLength() / rate;
      figures.put("bytes_per_second", rate);
      figures.put("control_bytes_per_second", controlRate);
      if (transferMs > floorMs && controlRate > ratio * rate) slow.add("transfer_rate");
    }

    int count = history.slowRounds(key);
    if (compared) count = slow.isEmpty() ? 0 : count + 1;
    if (count > 0) next.slow(key, count);
    if (slow.isEmpty() || count < settings.throttleRounds()) {
      if (count > 0) {
        figures.put("slow_rounds", count);
        return Finding.decided(Verdict.OK, null, Confidence.MEDIUM, null, Map.of(Facts.THROTTLE, figures));
      }
      return null;
    }
    figures.put("slow", slow);
    figures.put("slow_rounds", count);
    figures.put("ratio", ratio);
    figures.put("floor_ms", floorMs);
    String method = slow.contains("handshake") ? Methods.TLS_THROTTLED : Methods.HTTP_THROTTLED;
    return Finding.proof(method, Confidence.MEDIUM, describe(o.endpoint().spec(), slow, figures) + ", over "
        + ratio + "x the controls' median and over the " + (long) floorMs + " ms floor, for " + count
        + " consecutive rounds.",
        Map.of(Facts.THROTTLE, figures));
  }

  private static String describe(String spec, List<String> slow, Map<String, Object> f) {
    List<String> parts = new ArrayList<>();
    if (slow.contains("handshake")) {
      parts.add("TLS handshakes for " + spec + " took " + ms(f.get("handshake_ms")) + " against the controls' "
          + ms(f.get("control_handshake_ms")));
    }
    if (slow.contains("ttfb")) {
      parts.add("the first byte from " + spec + " came after " + ms(f.get("ttfb_ms")) + " against "
          + ms(f.get("control_ttfb_ms")));
    }
    if (slow.contains("transfer_rate")) {
      parts.add("transfers from " + spec + " ran at " + Math.round((Double) f.get("bytes_per_second")) + " B/s against "
          + Math.round((Double) f.get("control_bytes_per_second")) + " B/s");
    }
    // Every part starts with a lower-case word, never with the URL, so capitalising cannot mangle an address.
    String s = String.join("; ", parts);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String ms(Object v) {
    return Math.round((Double) v) + " ms";
  }

  static Double median(List<Double> xs) {
    if (xs.isEmpty()) return null;
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }
}
