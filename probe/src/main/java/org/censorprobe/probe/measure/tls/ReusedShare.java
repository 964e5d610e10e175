package org.censorprobe.probe.measure.tls;

import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One key pair handed to every caller for a short while, then replaced: the P-256 key share of measurement
 * handshakes ({@link KeyShares}).
 *
 * <p>Bounded two ways, whichever comes first: an age, so that a pair never outlives a round by much (the forward
 * secrecy of a handshake whose server chose P-256 holds for everything older than that), and a number of uses, so
 * that a large round still changes pairs. A caller that finds the pair spent makes the next one while holding the
 * lock: the others wait a fraction of a millisecond once in a while instead of all making pairs at the same moment.
 */
final class ReusedShare {
  /** About one pair per round (a round of 1,000 endpoints takes 2 s, of 5,000 about 9 s), never older than 30 s. */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final int MAX_USES = 4096;

  private final Supplier<KeyPair> make;
  private final LongSupplier nanoClock;
  private final long maxAgeNanos;
  private final int maxUses;
  private KeyPair pair;
  private long madeAt;
  private int uses;

  ReusedShare(Supplier<KeyPair> make) {
    this(make, System::nanoTime, MAX_AGE_NANOS, MAX_USES);
  }

  ReusedShare(Supplier<KeyPair> make, LongSupplier nanoClock, long maxAgeNanos, int maxUses) {
    this.make = make;
    this.nanoClock = nanoClock;
    this.maxAgeNanos = maxAgeNanos;
    this.maxUses = maxUses;
  }

  synchronized KeyPair get() {
    long now = nanoClock.getAsLong();
    if (pair == null || uses >= maxUses || now - madeAt >= maxAgeNanos) {
      pair = make.get();
      madeAt = now;
      uses = 0;
    }
    uses++;
    return pair;
  }
}
