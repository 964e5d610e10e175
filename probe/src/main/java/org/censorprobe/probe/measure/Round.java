package org.censorprobe.probe.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.EndpointObservations;

/**
 * Measures a set of endpoints concurrently, at most {@code concurrency} at a time (see {@link Tasks} for the
 * threading model). A round's wall time is therefore close to its slowest endpoint's, not the sum; every step has
 * its own deadline, so no endpoint can hold a round forever.
 */
public final class Round {
  private final EndpointMeasurer measurer;
  private final Tasks tasks;
  private final int concurrency;

  public Round(EndpointMeasurer measurer, Tasks tasks, int concurrency) {
    this.measurer = measurer;
    this.tasks = tasks;
    this.concurrency = concurrency;
  }

  /**
   * @param done called with the number of endpoints finished so far, from the measuring threads
   * @return the observations in the order of {@code endpoints}
   */
  public List<EndpointObservations> measure(List<Endpoint> endpoints, IntConsumer done) {
    Semaphore slots = new Semaphore(concurrency);
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    List<CompletableFuture<EndpointObservations>> futures = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      // Acquired here, not in the task, so that on JDK 17 at most `concurrency` platform threads ever exist.
      slots.acquireUninterruptibly();
      futures.add(tasks.submit(() -> {
        try {
          return measurer.measure(e);
        } finally {
          slots.release();
          done.accept(finished.incrementAndGet());
        }
      }));
    }
    List<EndpointObservations> out = new ArrayList<>(endpoints.size());
    for (CompletableFuture<EndpointObservations> f : futures) out.add(f.join());
    return out;
  }
}
