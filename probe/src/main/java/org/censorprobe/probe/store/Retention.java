package org.censorprobe.probe.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes measurements older than the retention period (with an outbox, only those the central store has), in
 * small batches on its own thread: each batch is one
 * short transaction on the shared writer, so a round waiting to store waits for one batch at most.
 */
public final class Retention implements AutoCloseable {
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(90);
  /** Small enough that one batch's transaction is a few milliseconds. */
  static final int BATCH = 500;
  private static final Duration EVERY = Duration.ofHours(1);
  private static final Duration FIRST = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final MeasurementStore store;
  private final Duration period;
  private final Clock clock;
  private ScheduledExecutorService executor;

  public Retention(MeasurementStore store, Duration period, Clock clock) {
    this.store = store;
    this.period = period;
    this.clock = clock;
  }

  /** Prunes now, on the caller's thread; returns how many measurements were deleted. */
  public int pruneNow() {
    Instant cutoff = clock.instant().minus(period);
    int total = 0;
    int n;
    do {
      n = store.pruneBatch(cutoff, BATCH);
      total += n;
      if (Thread.currentThread().isInterrupted()) break;
    } while (n == BATCH);
    if (total > 0) LOG.info("retention: deleted {} measurements older than {}{}", total, cutoff,
        store.limits().keepUndelivered() ? " (delivered ones only: the outbox keeps the rest)" : "");
    store.pruneUploadFailures(cutoff);
    return total;
  }

  /** Prunes in the background: a minute after start, then hourly. */
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "retention");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        pruneNow();
      } catch (RuntimeException e) {
        LOG.warn("retention: {}", e.getMessage());
      }
    }, FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public synchronized void close() {
    if (executor == null) return;
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
