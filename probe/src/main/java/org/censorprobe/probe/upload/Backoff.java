package org.censorprobe.probe.upload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts while the central store is unreachable: doubling from {@link #FIRST} up to a ceiling,
 * each wait drawn uniformly from its upper half ("equal jitter"), so that a fleet that lost the central store at
 * the same moment does not come back at the same second.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(2);

  private final Duration max;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration max, RandomGenerator random) {
    this.max = max;
    this.random = random;
  }

  /** The wait after one more failure. */
  Duration next() {
    failures++;
    long ceiling = FIRST.toMillis() << Math.min(failures - 1, 30);
    long cap = Math.max(FIRST.toMillis(), Math.min(ceiling, max.toMillis()));
    long half = cap / 2;
    return Duration.ofMillis(half + random.nextLong(cap - half + 1));
  }

  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
