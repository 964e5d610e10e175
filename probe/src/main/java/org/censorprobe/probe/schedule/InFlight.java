package org.censorprobe.probe.schedule;

import java.time.Duration;

/** Counts rounds in progress, so that a stop or a retired config can wait for them with a deadline. */
final class InFlight {
  private int count;

  synchronized void enter() {
    count++;
  }

  synchronized void exit() {
    count--;
    if (count == 0) notifyAll();
  }

  synchronized int count() {
    return count;
  }

  /** True if none are left; false if the deadline passed first. */
  synchronized boolean awaitNone(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (count > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) return false;
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
