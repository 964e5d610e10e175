package org.censorprobe.reporter.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --from}/{@code --to} values: an ISO-8601 instant ({@code 2026-11-20T06:00:00Z}), a date-time with an
 * offset, a UTC date-time or date, or a time ago ({@code 90m}, {@code 24h}, {@code 7d}, {@code 2w}).
 */
final class TimeArgument {
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

  private TimeArgument() {}

  static Instant parse(String text, Clock clock) {
    String s = text.trim();
    Matcher m = RELATIVE.matcher(s);
    if (m.matches()) {
      return clock.instant().minus(ago(Long.parseLong(m.group(1)), m.group(2)));
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: \"" + text
          + "\" (use ISO-8601 like 2026-11-20T06:00:00Z or 2026-11-20, or a time ago like 24h, 7d)");
    }
  }

  private static Duration ago(long n, String unit) {
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** {@code --gap}: a duration like 30m, 2h, or ISO-8601 PT30M. */
  static Duration duration(String text) {
    String s = text.trim();
    Matcher m = RELATIVE.matcher(s);
    if (m.matches()) return ago(Long.parseLong(m.group(1)), m.group(2));
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\" (use 30m, 2h, 1d or PT30M)");
    }
  }
}
