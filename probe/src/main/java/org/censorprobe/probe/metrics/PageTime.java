package org.censorprobe.probe.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as a person reads them on the status page: UTC, to the second, and how long ago. */
final class PageTime {
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private PageTime() {}

  /** {@code 2026-11-22 14:03:12 UTC}. */
  static String utc(Instant t) {
    return FULL.format(t);
  }

  /** {@code 14:03 UTC}. */
  static String clock(Instant t) {
    return CLOCK.format(t);
  }

  /** {@code just now}, {@code 42 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 days ago}. */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    long s = d.getSeconds();
    if (s < 1) return "just now"; // a clock that stepped back says nothing about the future
    if (s < 60) return s + " s ago";
    if (s < 3600) return s / 60 + " min ago";
    if (s < 48 * 3600) return s / 3600 + " h ago";
    return s / 86_400 + " days ago";
  }
}
