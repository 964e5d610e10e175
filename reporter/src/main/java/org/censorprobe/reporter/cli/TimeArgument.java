package org.censorprobe.reporter.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code --from}/{@code --to} values, the same forms as {@code probe export}: {@code now}, an ISO-8601 instant
 * ({@code 2026-11-20T06:00:00Z}) or date-time with an offset, a UTC date-time or date, or a time ago in the
 * duration grammar of docs/durations.md ({@code 90m}, {@code 24h}, {@code 7d}, {@code 1d12h}).
 */
final class TimeArgument {
  private TimeArgument() {}

  static Instant parse(String text, Clock clock) {
    String s = text.strip();
    if (s.equals("now")) return clock.instant();
    Duration ago = DurationText.parse(s);
    if (ago != null) return clock.instant().minus(ago);
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
          + "\" (use ISO-8601 like 2026-11-20T06:00:00Z or 2026-11-20, now, or a time ago like 24h, 7d)");
    }
  }

  /** {@code --gap}: a duration in the grammar of docs/durations.md. */
  static Duration duration(String text) {
    Duration d = DurationText.parse(text);
    if (d == null) throw new IllegalArgumentException("not a duration: \"" + text + "\" (use " + DurationText.EXPECTED
        + ")");
    return d;
  }
}
