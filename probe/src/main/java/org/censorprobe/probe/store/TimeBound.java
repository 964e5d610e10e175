package org.censorprobe.probe.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound of an export's time range: an ISO-8601 instant ({@code 2026-11-20T00:00:00Z}), a date
 * ({@code 2026-11-20}, midnight UTC), {@code now}, or an age before now ({@code 90m}, {@code 24h}, {@code 7d},
 * {@code 2w}).
 */
public final class TimeBound {
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

  private TimeBound() {}

  public static Instant parse(String text, Instant now) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("now")) return now;
    Matcher m = RELATIVE.matcher(t);
    if (m.matches()) return now.minus(duration(Long.parseLong(m.group(1)), m.group(2).charAt(0)));
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException ignored) {
      // not a full timestamp: try a date
    }
    try {
      return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 time (2026-11-20T06:00:00Z), "
          + "a date (2026-11-20) nor an age (90m, 24h, 7d, 2w)");
    }
  }

  /** A duration written as {@code 90d}, {@code 12h}, ... or ISO-8601 ({@code PT30S}). */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = RELATIVE.matcher(t);
    if (m.matches()) return duration(Long.parseLong(m.group(1)), m.group(2).charAt(0));
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (30s, 90m, 24h, 7d, 2w or PT30S)");
    }
  }

  private static Duration duration(long n, char unit) {
    return switch (unit) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      case 'w' -> Duration.ofDays(7 * n);
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }
}
