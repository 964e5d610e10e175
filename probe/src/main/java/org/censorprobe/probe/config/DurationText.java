package org.censorprobe.probe.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in targets.yaml: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or sums like {@code 1m30s}. */
final class DurationText {
  static final String EXPECTED = "a duration such as 500ms, 5s, 2m, 1h or 1m30s";
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {}

  /** The duration, or null when {@code text} is not one. */
  static Duration parse(String text) {
    String t = text.strip();
    if (!WHOLE.matcher(t).matches()) return null;
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return total;
  }

  /** The shortest spelling this parser reads back, for summaries and docs. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
