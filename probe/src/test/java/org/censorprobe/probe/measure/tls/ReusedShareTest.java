package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReusedShareTest {
  private final AtomicInteger made = new AtomicInteger();
  private long now = 1_000;

  private ReusedShare share(long maxAgeNanos, int maxUses) {
    return new ReusedShare(() -> {
      made.incrementAndGet();
      return new KeyPair(null, null);
    }, () -> now, maxAgeNanos, maxUses);
  }

  @Test
  void onePairServesEveryCallerWhileItIsYoung() {
    ReusedShare s = share(100, 10);
    KeyPair first = s.get();
    now += 99;
    assertSame(first, s.get());
    assertEquals(1, made.get());
  }

  @Test
  void aPairAsOldAsTheLimitIsReplaced() {
    ReusedShare s = share(100, 10);
    KeyPair first = s.get();
    now += 100;
    KeyPair second = s.get();
    assertNotSame(first, second);
    now += 50;
    assertSame(second, s.get(), "the age counts from the new pair's making");
    assertEquals(2, made.get());
  }

  @Test
  void aPairServesAtMostItsNumberOfUses() {
    ReusedShare s = share(Long.MAX_VALUE, 3);
    KeyPair first = s.get();
    assertSame(first, s.get());
    assertSame(first, s.get());
    KeyPair fourth = s.get();
    assertNotSame(first, fourth);
    assertSame(fourth, s.get());
    assertEquals(2, made.get());
  }
}
