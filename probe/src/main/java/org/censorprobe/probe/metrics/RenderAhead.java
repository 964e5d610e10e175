package org.censorprobe.probe.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the metrics' change notifications into renderings of the /metrics body ahead of the next scrape, at most
 * one per burst of changes.
 *
 * <p>Every platform's round, every store status and every upload batch changes the metrics, and rendering the
 * body of 1000 endpoints (13,000 series) costs tens of milliseconds. Rendering on each change, on the thread that
 * made it, cost a 1000-endpoint daemon 5% of its CPU (JFR of a steady daemon): ten platform rounds finishing
 * within seconds of each other made ten bodies of which a scraper read at most one. A change now asks for one
 * rendering {@link #DELAY} later; changes before it starts join it, and a change after it starts asks again
 * (the rendering may have read the metrics before that change). A scrape that comes before the rendering
 * renders the body itself, as it always could.
 */
final class RenderAhead implements AutoCloseable {
  static final Duration DELAY = Duration.ofSeconds(2);

  /** Runs a task later, on another thread. */
  interface Later {
    void run(Runnable task);
  }

  private final ScrapeCache cache;
  private final String contentType;
  private final Later later;
  private final Runnable stop;
  private final AtomicBoolean pending = new AtomicBoolean();

  private RenderAhead(ScrapeCache cache, String contentType, Later later, Runnable stop) {
    this.cache = cache;
    this.contentType = contentType;
    this.later = later;
    this.stop = stop;
  }

  /** On a thread of its own, {@link #DELAY} after the first change of a burst. */
  static RenderAhead start(ScrapeCache cache, String contentType) {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "metrics-render");
      t.setDaemon(true);
      return t;
    });
    return new RenderAhead(cache, contentType,
        task -> thread.schedule(task, DELAY.toMillis(), TimeUnit.MILLISECONDS), thread::shutdownNow);
  }

  /** With the caller's own {@code later} (tests run its tasks when they choose). */
  static RenderAhead with(ScrapeCache cache, String contentType, Later later) {
    return new RenderAhead(cache, contentType, later, () -> {});
  }

  /** The metrics changed. */
  void changed() {
    if (!pending.compareAndSet(false, true)) return;
    try {
      later.run(() -> {
        pending.set(false);
        cache.renderAhead(contentType);
      });
    } catch (RejectedExecutionException e) {
      pending.set(false); // closing: the next scrape renders
    }
  }

  @Override
  public void close() {
    stop.run();
  }
}
