package org.censorprobe.reporter.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the one grammar of docs/durations.md ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1d},
 * ISO-8601 {@code PT10S}). The twin of the probe's {@code config.DurationText} (the reporter does not depend on
 * the probe); both are tested against the table in that document.
 */
final class DurationText {
  static final String EXPECTED = "a duration such as 90s, 5m, 2h, 1d or 1h30m";
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d|w))+");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

  private DurationText() {}

  /** The duration, or null when {@code text} is not one. Never negative. */
  static Duration parse(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t);
        return d.isNegative() ? null : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (!WHOLE.matcher(t).matches()) return null;
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
    }
    return total;
  }
}
