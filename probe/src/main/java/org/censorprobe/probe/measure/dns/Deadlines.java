package org.censorprobe.probe.measure.dns;

import java.util.concurrent.TimeUnit;

/** Socket timeouts are per read; every read is given what is left of the one query deadline. */
final class Deadlines {
  private Deadlines() {}

  /** Milliseconds left, at least 1 while any time is left (0 would mean "no timeout" to a socket), else 0. */
  static int remainingMillis(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) return 0;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
  }
}
