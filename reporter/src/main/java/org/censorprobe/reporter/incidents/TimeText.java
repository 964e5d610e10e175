package org.censorprobe.reporter.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations are written in reports: UTC, to the minute. */
public final class TimeText {
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimeText() {}

  public static String instant(Instant i) {
    return i == null ? "ongoing" : DAY_TIME.format(i);
  }

  /**
   * "from 2026-11-21 06:58 to 20:41 UTC", the day repeated only when it changes; "since ... (ongoing)". A span
   * inside one minute is written to the second ("from 2026-11-21 06:58:05 to 06:58:53 UTC"), where minutes alone
   * would read "from 06:58 to 06:58"; a single instant is "at 2026-11-21 06:58:05 UTC".
   */
  public static String span(Instant from, Instant to) {
    if (to == null) return "since " + DAY_TIME.format(from) + " UTC (ongoing)";
    if (DAY_TIME.format(from).equals(DAY_TIME.format(to))) {
      if (DAY_SECONDS.format(from).equals(DAY_SECONDS.format(to))) return "at " + DAY_SECONDS.format(from) + " UTC";
      return "from " + DAY_SECONDS.format(from) + " to " + SECONDS.format(to) + " UTC";
    }
    boolean sameDay = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(from)
        .equals(DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(to));
    return "from " + DAY_TIME.format(from) + " to " + (sameDay ? TIME : DAY_TIME).format(to) + " UTC";
  }

  public static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 1) return d.toSeconds() + " s";
    long days = minutes / (24 * 60);
    long hours = (minutes / 60) % 24;
    long mins = minutes % 60;
    StringBuilder b = new StringBuilder();
    if (days > 0) b.append(days).append(" d ");
    if (hours > 0 || days > 0) b.append(hours).append(" h ");
    b.append(mins).append(" min");
    return b.toString();
  }

  /** "A", "A and B", "A, B and C". */
  public static String list(java.util.List<String> names) {
    if (names.isEmpty()) return "";
    if (names.size() == 1) return names.get(0);
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
