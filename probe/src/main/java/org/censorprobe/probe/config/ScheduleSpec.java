package org.censorprobe.probe.config;

import java.time.Duration;

/**
 * When a platform is measured: every {@code every} plus a random delay up to {@code jitter}, or by a Quartz
 * {@code cron} expression (then {@code every} is null).
 */
public record ScheduleSpec(Duration every, Duration jitter, String cron) {
  public static final ScheduleSpec DEFAULT = new ScheduleSpec(Duration.ofMinutes(5), Duration.ofSeconds(30), null);
}
