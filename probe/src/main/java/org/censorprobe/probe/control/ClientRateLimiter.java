package org.censorprobe.probe.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perSecond}. The table is
 * bounded: when it is full, idle buckets are dropped, and if none is idle the newcomer is refused, so a flood of
 * spoofed-looking sources cannot grow memory without bound.
 */
final class ClientRateLimiter {
  private static final int MAX_CLIENTS = 10_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  ClientRateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  boolean tryAcquire(String client) {
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) {
      evictFull(now);
      if (buckets.size() >= MAX_CLIENTS) return false;
    }
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.updatedNanos) / 1e9 * perSecond);
      b.updatedNanos = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    }
  }

  private void evictFull(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().tokens + (now - e.getValue().updatedNanos) / 1e9 * perSecond >= burst;
      }
    });
  }
}
