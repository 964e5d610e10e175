package org.censorprobe.format.text;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time on a command line (the probe's {@code export} and {@code reclassify}, the reporter's {@code --from} and
 * {@code --to}): {@code now}, an ISO-8601 instant
 * ({@code 2026-11-20T06:00:00Z}) or date-time with an offset, a date-time or a date in UTC ({@code 2026-11-20}), or
 * an age before now in the duration grammar of docs/durations.md ({@code 90m}, {@code 24h}, {@code 1d12h}).
 */
public final class TimeText {
  public static final String EXPECTED = "an ISO-8601 time (2026-11-20T06:00:00Z), a date (2026-11-20), now, "
      + "or an age such as 90m, 24h, 7d";

  private TimeText() {}

  /** The time, or IllegalArgumentException with a message fit for the command line. */
  public static Instant parse(String text, Instant now) {
    String t = text.strip();
    if (t.equals("now")) return now;
    Duration age = DurationText.parse(t);
    if (age != null) return now.minus(age);
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time (expected " + EXPECTED + ")");
    }
  }
}
