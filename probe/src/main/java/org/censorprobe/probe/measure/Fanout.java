package org.censorprobe.probe.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The fan-out of one endpoint: at most {@code permits} tasks on worker threads at once, on top of the endpoint's
 * own thread. A task that finds no permit (or, on JDK 17, no thread for an instant) runs on the calling thread:
 * it never waits for another endpoint's work, so the bound holds without any chance of a deadlock. Thread-safe;
 * one per endpoint measurement (a control-server request has its own).
 */
public final class Fanout {
  private final ExecutorService workers;
  private final Semaphore permits;

  Fanout(ExecutorService workers, int permits) {
    this.workers = workers;
    this.permits = new Semaphore(Math.max(0, permits));
  }

  /** Nothing in parallel: every task runs on the caller's thread (single-step tests, tools). */
  public static Fanout inline() {
    return new Fanout(null, 0);
  }

  /** Starts {@code work} on a worker when a permit is free, else runs it here. The supplier must not throw. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    if (workers != null && permits.tryAcquire()) {
      try {
        return CompletableFuture.supplyAsync(() -> {
          try {
            return work.get();
          } finally {
            permits.release();
          }
        }, workers);
      } catch (RejectedExecutionException busy) {
        permits.release(); // JDK 17: every worker thread busy for an instant (or the engine closing)
      }
    }
    try {
      return CompletableFuture.completedFuture(work.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Runs every supplier, all but the last on workers where permits allow, and returns their results in order. */
  public <T> List<T> all(List<Supplier<T>> work) {
    if (work.isEmpty()) return List.of();
    if (work.size() == 1) return List.of(work.get(0).get());
    List<CompletableFuture<T>> futures = new ArrayList<>(work.size());
    for (int i = 0; i < work.size() - 1; i++) futures.add(submit(work.get(i)));
    T last = work.get(work.size() - 1).get();
    List<T> out = new ArrayList<>(work.size());
    for (CompletableFuture<T> f : futures) out.add(f.join());
    out.add(last);
    return out;
  }
}
