package org.censorprobe.probe.config;

import java.time.Duration;
import java.util.List;
import org.censorprobe.format.text.DurationText;
import org.quartz.CronExpression;

/** {@code schedule: { every: 5m, jitter: 30s }} or {@code schedule: { cron: "0 *\/5 * * * ?" }}. */
final class ScheduleReader {
  static final List<String> KEYS = List.of("every", "jitter", "cron");
  /** Absent jitter is a tenth of {@code every}, at most this: spreads probes without blurring short intervals. */
  static final Duration MAX_DEFAULT_JITTER = Duration.ofSeconds(30);

  private ScheduleReader() {}

  /** The schedule, or {@code fallback} when absent or invalid (problems reported). */
  static ScheduleSpec read(YamlNode node, String path, ProblemList problems, ScheduleSpec fallback) {
    if (node == null) return fallback;
    ConfigSection s = ConfigSection.of(node, path, problems, KEYS);
    if (s == null) return fallback;
    String cron = s.string("cron", "a Quartz cron expression such as \"0 */5 * * * ?\"");
    boolean hasEvery = s.node("every") != null;
    Duration every = s.duration("every", false);
    Duration jitter = s.duration("jitter", true);
    if (cron != null) {
      boolean ok = true;
      if (hasEvery || s.node("jitter") != null) {
        problems.add(s.lineOf("cron"), path + " has cron together with every/jitter (expected either cron, or every"
            + " with an optional jitter)");
        ok = false;
      }
      if (!CronExpression.isValidExpression(cron)) {
        problems.add(s.lineOf("cron"), path + ".cron '" + cron + "' is not a valid Quartz cron expression (expected"
            + " six or seven fields: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 */5 * * * ?\")");
        ok = false;
      }
      return ok ? new ScheduleSpec(null, Duration.ZERO, cron) : fallback;
    }
    if (!hasEvery) {
      if (s.node("cron") == null) {
        problems.add(s.line(), path + ": missing key 'every' (expected every: DURATION or cron: EXPRESSION)");
      }
      return fallback;
    }
    if (every == null) return fallback;
    if (jitter == null) {
      if (s.node("jitter") != null) return fallback;
      Duration tenth = every.dividedBy(10);
      jitter = tenth.compareTo(MAX_DEFAULT_JITTER) < 0 ? tenth : MAX_DEFAULT_JITTER;
    } else if (jitter.compareTo(every) >= 0) {
      problems.add(s.lineOf("jitter"), path + ".jitter " + DurationText.format(jitter) + " is not less than every "
          + DurationText.format(every) + " (expected 0 <= jitter < every)");
      return fallback;
    }
    return new ScheduleSpec(every, jitter, null);
  }
}
