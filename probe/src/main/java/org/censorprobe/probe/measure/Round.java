package org.censorprobe.probe.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.probe.measure.dns.DnsRound;

/**
 * Measures a set of endpoints concurrently, at most {@code concurrency} at a time, each with a fan-out of its own
 * (see {@link Tasks} for the threading model and its bound). A round's wall time is therefore close to the
 * number of endpoints over {@code concurrency} times an endpoint's, and never more than that many endpoint budgets
 * ({@code timeouts.endpoint}) plus the last late-reply window. DoH sessions and DoH host lookups live for one
 * round ({@link DnsRound}).
 */
public final class Round {
  private final EndpointMeasurer measurer;
  private final Tasks tasks;

  public Round(EndpointMeasurer measurer, Tasks tasks) {
    this.measurer = measurer;
    this.tasks = tasks;
  }

  /**
   * @param done called with the number of endpoints finished so far, from the measuring threads
   * @return the observations in the order of {@code endpoints}
   */
  public List<EndpointObservations> measure(List<Endpoint> endpoints, IntConsumer done) {
    Semaphore slots = new Semaphore(tasks.concurrency());
    AtomicInteger finished = new AtomicInteger();
    List<CompletableFuture<EndpointObservations>> futures = new ArrayList<>(endpoints.size());
    try (DnsRound round = new DnsRound()) {
      for (Endpoint e : endpoints) {
        // Acquired here, not in the task: never more than `concurrency` endpoint tasks exist, queued or running.
        slots.acquireUninterruptibly();
        CompletableFuture<CompletableFuture<EndpointObservations>> started = tasks.endpoint(() -> {
          try {
            return measurer.measure(e, tasks.fanout(), round);
          } finally {
            // The slot is free once the flows are done; the record may still wait for a DNS late-reply window,
            // which holds no thread.
            slots.release();
            done.accept(finished.incrementAndGet());
          }
        });
        futures.add(started.thenCompose(f -> f));
      }
      List<EndpointObservations> out = new ArrayList<>(endpoints.size());
      for (CompletableFuture<EndpointObservations> f : futures) out.add(f.join());
      return out;
    }
  }
}
