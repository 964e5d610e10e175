package org.censorprobe.probe.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
   * Runs {@code min(concurrency, endpoints)} lanes on endpoint threads; each lane takes the next endpoint not yet
   * taken, measures it, and goes on to the next, so never more than {@code concurrency} endpoints are measured at
   * once. A lane goes on at once: no thread hands the next endpoint to it, which on a busy host cost a wake-up of
   * the round's thread and of a pool thread per endpoint, and left the lane idle until both were scheduled.
   *
   * @param done called with the number of endpoints finished so far, from the measuring threads
   * @return the observations in the order of {@code endpoints}
   */
  public List<EndpointObservations> measure(List<Endpoint> endpoints, IntConsumer done) {
    int n = endpoints.size();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReferenceArray<CompletableFuture<EndpointObservations>> results = new AtomicReferenceArray<>(n);
    try (DnsRound round = new DnsRound()) {
      List<CompletableFuture<Void>> lanes = new ArrayList<>();
      for (int lane = 0; lane < Math.min(tasks.concurrency(), n); lane++) {
        lanes.add(tasks.endpoint(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            CompletableFuture<EndpointObservations> r;
            try {
              // Returns once the flows are done; the record may still wait for a DNS late-reply window, which
              // holds no thread.
              r = measurer.measure(endpoints.get(i), tasks.fanout(), round);
            } catch (RuntimeException e) {
              r = CompletableFuture.failedFuture(e);
            }
            results.set(i, r);
            done.accept(finished.incrementAndGet());
          }
          return null;
        }));
      }
      for (CompletableFuture<Void> lane : lanes) lane.join();
      List<EndpointObservations> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) out.add(results.get(i).join());
      return out;
    }
  }
}
