package org.censorprobe.format.text;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations, one grammar for targets.yaml and every command-line flag (docs/durations.md): whole numbers with a
 * unit, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (24 h) or {@code w} (7 d), summed when written
 * together ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1d}); ISO-8601 ({@code PT10S}) is read too. Here in
 * format, not in the probe, so that the probe and the reporter read one grammar with one parser.
 */
public final class DurationText {
  public static final String EXPECTED = "a duration such as 500ms, 90s, 5m, 2h, 1d or 1h30m";
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d|w))+");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

  private DurationText() {}

  /** The duration, or null when {@code text} is not one. Never negative. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("p")) return iso(t);
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

  private static Duration iso(String t) {
    try {
      Duration d = Duration.parse(t);
      return d.isNegative() ? null : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The duration, or IllegalArgumentException with a message fit for the command line. */
  public static Duration parseOrThrow(String text) {
    Duration d = parse(text);
    if (d == null) throw new IllegalArgumentException("'" + text + "' is not a duration (expected " + EXPECTED + ")");
    return d;
  }

  /** The shortest spelling this parser reads back, for summaries and docs. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
