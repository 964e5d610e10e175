package org.censorprobe.probe.upload;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.Outbox;
import org.censorprobe.probe.store.OutboxRow;
import org.censorprobe.probe.store.OutboxState;
import org.censorprobe.probe.store.StoreException;
import org.censorprobe.probe.store.UploadFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward: the local store is the system of record, and this thread forwards what the central store
 * does not have, in rowid order, in batches, each batch one transaction on the server. A row counts as
 * delivered only after the server's commit; a batch repeated after a crash writes nothing twice. While the
 * central store cannot be reached it waits with backoff and jitter, records each failure episode in the local
 * store (a fact about the path, uploaded once the path works), and keeps the outbox's metrics current.
 *
 * <p>It decides nothing about measurements: rows go up as stored, the record opaque. One connection per pass
 * (a pass after every stored round, or when the backoff ends): a connection idle for minutes between rounds is
 * what middleboxes cut, and a failure that is only that would be recorded as a finding.
 */
public final class Uploader implements AutoCloseable {
  /** Without news (no round stored), a pass at least this often: retries after a quiet failure, fresh metrics. */
  static final Duration IDLE_PASS = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  /** Points a test can stop a process at. */
  public interface Hooks {
    Hooks NONE = new Hooks() { };

    /** The server committed {@code rows}; they are not marked delivered yet. */
    default void afterServerCommit(List<OutboxRow> rows) { }
  }

  /** What one pass did. */
  public record Pass(boolean ok, int rowsSent, int rowsWritten, FailureReason failure) {}

  private final MeasurementStore store;
  private final Outbox outbox;
  private final UploadSettings settings;
  private final String probeId;
  private final ProbeMetrics metrics;
  private final Clock clock;
  private final Backoff backoff;
  private final Hooks hooks;
  private final Object signal = new Object();
  private boolean nudged;
  private volatile boolean closed;
  private Thread thread;
  private Instant lastSuccess;

  /** @param settings null: nothing to forward; the thread only keeps the store's metrics current */
  public Uploader(MeasurementStore store, UploadSettings settings, String probeId, ProbeMetrics metrics,
                  Clock clock, RandomGenerator random, Hooks hooks) {
    this.store = store;
    this.outbox = store.outbox();
    this.settings = settings;
    this.probeId = probeId;
    this.metrics = metrics;
    this.clock = clock;
    this.backoff = new Backoff(settings == null ? UploadSettings.DEFAULT_BACKOFF_MAX : settings.backoffMax(), random);
    this.hooks = hooks;
  }

  public synchronized void start() {
    thread = new Thread(this::loop, "uploader");
    thread.setDaemon(true);
    thread.start();
  }

  /** A round was stored: forward it now (unless a backoff is running: the central store is not hammered). */
  public void nudge() {
    synchronized (signal) {
      nudged = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    Duration wait = Duration.ZERO;
    while (!closed) {
      try {
        awaitNudge(wait);
      } catch (InterruptedException e) {
        return;
      }
      if (closed) return;
      Pass p = passNow();
      wait = p.ok() ? IDLE_PASS : backoff.next();
      if (!p.ok()) LOG.info("upload: next attempt in {}s", wait.toSeconds());
    }
  }

  /** Waits for a nudge or {@code max}; during a backoff only the deadline counts. */
  private void awaitNudge(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    boolean backingOff = backoff.failures() > 0;
    synchronized (signal) {
      if (backingOff) nudged = false;
      while (!closed && !(nudged && !backingOff)) {
        long left = end - System.nanoTime();
        if (left <= 0) break;
        signal.wait(Math.max(1, left / 1_000_000));
      }
      nudged = false;
    }
  }

  /** One pass on the caller's thread: deliver everything pending, then refresh the metrics. */
  public Pass passNow() {
    Pass result;
    if (settings == null) {
      result = new Pass(true, 0, 0, null);
    } else {
      result = forward();
    }
    refreshMetrics();
    return result;
  }

  private Pass forward() {
    int sent = 0;
    int written = 0;
    try (Connection c = new CentralConnector(settings, probeId).open()) {
      long after = 0;
      for (List<OutboxRow> rows; !(rows = outbox.nextNew(after, settings.batch())).isEmpty(); ) {
        written += deliver(c, rows);
        sent += rows.size();
        after = rows.get(rows.size() - 1).rowid();
        if (closed) break;
      }
      after = 0;
      for (List<OutboxRow> rows; !closed && !(rows = outbox.nextRejudged(after, settings.batch())).isEmpty(); ) {
        written += deliver(c, rows);
        sent += rows.size();
        after = rows.get(rows.size() - 1).rowid();
      }
      Instant now = clock.instant();
      UploadFailure ended = outbox.recovered(now);
      if (ended != null) {
        LOG.warn("upload: the central store {} is reachable again after {} failed attempts since {} ({})",
            settings.label(), ended.attempts(), ended.startedAt(), ended.reason());
      }
      List<UploadFailure> failures = outbox.undeliveredFailures();
      if (!failures.isEmpty()) {
        BatchSender.sendFailures(c, probeId, failures);
        outbox.markFailuresDelivered(failures);
      }
      backoff.reset();
      lastSuccess = now;
      metrics.uploadSucceeded(now);
      if (sent > 0) LOG.info("upload: {} measurements forwarded to {} ({} written, {} already there)", sent,
          settings.label(), written, sent - written);
      return new Pass(true, sent, written, null);
    } catch (SQLException | RuntimeException e) {
      return failed(e, sent, written);
    }
  }

  private int deliver(Connection c, List<OutboxRow> rows) throws SQLException {
    int written = BatchSender.send(c, rows);
    hooks.afterServerCommit(rows);
    outbox.markDelivered(rows);
    metrics.uploaded(rows.size());
    return written;
  }

  private Pass failed(Exception e, int sent, int written) {
    FailureReason reason = FailureReason.of(e);
    String detail = FailureReason.detail(e);
    Instant now = clock.instant();
    metrics.uploadFailed(reason.label());
    boolean opened;
    try {
      opened = outbox.failed(now, reason.label(), detail);
    } catch (StoreException se) {
      opened = true;
      LOG.error("upload: cannot record the failure in the store: {}", se.getMessage());
    }
    // The first failure of an episode is a warning; its repetitions are not news.
    if (opened) {
      LOG.warn("upload: central store {} unreachable or refusing: {}: {} ({} measurements forwarded in this pass"
          + " before it)", settings.label(), reason.label(), detail, sent);
    } else {
      LOG.info("upload: still failing: {}: {}", reason.label(), detail);
    }
    if (reason == FailureReason.REJECTED) {
      LOG.error("upload: the central store refused rows: {}; they stay in the outbox (nothing is deleted)", detail);
    }
    return new Pass(false, sent, written, reason);
  }

  private void refreshMetrics() {
    try {
      OutboxState state = settings == null ? null : outbox.state();
      metrics.storeAndOutbox(store.status(), state);
    } catch (StoreException e) {
      LOG.warn("upload: cannot read the outbox's state: {}", e.getMessage());
    }
  }

  /**
   * At a graceful stop, after the last round was stored: stops the thread and makes one last pass on the
   * caller's, so that a probe taken down on purpose leaves nothing behind it can reach the central store with.
   * Bounded by the connection's deadlines.
   */
  public Pass stopWithFinalPass() {
    close();
    if (settings == null) return new Pass(true, 0, 0, null);
    closed = false; // the pass checks it between batches; no thread is left to start
    try {
      Pass p = passNow();
      LOG.info("upload: final pass before stop: {}", p.ok() ? p.rowsSent() + " measurements forwarded"
          : "failed (" + p.failure().label() + "); the outbox keeps them for the next start");
      return p;
    } finally {
      closed = true;
    }
  }

  /** When the central store last committed a pass; null before the first. */
  public Instant lastSuccess() {
    return lastSuccess;
  }

  /**
   * Stops the thread. A pass in flight ends at its next batch boundary or deadline: what the server committed
   * is marked, the rest stays pending for the next start.
   */
  @Override
  public void close() {
    closed = true;
    nudge();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) return;
    try {
      t.join(settings == null ? 5_000 : settings.timeout().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) t.interrupt();
  }
}
