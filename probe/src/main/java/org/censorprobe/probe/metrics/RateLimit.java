package org.censorprobe.probe.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code rate_limit} of the web config: one token bucket for the whole listener (exporter-toolkit's semantics),
 * a token every {@code interval}, at most {@code burst} saved up. A request without a token gets 429.
 */
final class RateLimit {
  private final long intervalNanos;
  private final int burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  RateLimit(Duration interval, int burst, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  synchronized boolean allow() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - last) / intervalNanos);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
