package org.censorprobe.probe.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A random delay before each round, drawn anew for every platform at every firing, so that a fleet of probes
 * started by the same cron or the same deploy does not measure (and load the targets) on the same second.
 */
public final class Jitter {
  private final RandomGenerator random;

  public Jitter(RandomGenerator random) {
    this.random = random;
  }

  /** Uniform in {@code [0, bound]}; zero for a zero or absent bound. */
  public Duration offset(Duration bound) {
    if (bound == null || bound.isZero() || bound.isNegative()) return Duration.ZERO;
    long ms = bound.toMillis();
    return Duration.ofMillis(random.nextLong(ms + 1));
  }
}
