package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class JitterTest {
  @Test
  void offsetsStayWithinTheBoundAndReachBothEnds() {
    Duration bound = Duration.ofSeconds(30);
    RandomGenerator lowest = new RandomGenerator() {
      @Override public long nextLong() { return 0; }
      @Override public long nextLong(long n) { return 0; }
    };
    RandomGenerator highest = new RandomGenerator() {
      @Override public long nextLong() { return Long.MAX_VALUE; }
      @Override public long nextLong(long n) { return n - 1; }
    };
    assertEquals(Duration.ZERO, new Jitter(lowest).offset(bound));
    assertEquals(bound, new Jitter(highest).offset(bound));

    Jitter seeded = new Jitter(new Random(42));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Duration d = seeded.offset(bound);
      assertTrue(!d.isNegative() && d.compareTo(bound) <= 0, d.toString());
      seen.add(d.toMillis());
    }
    assertTrue(seen.size() > 500, "offsets are spread, not constant: " + seen.size());
  }

  @Test
  void noJitterMeansNoOffset() {
    Jitter j = new Jitter(new Random(1));
    assertEquals(Duration.ZERO, j.offset(Duration.ZERO));
    assertEquals(Duration.ZERO, j.offset(null));
  }
}
