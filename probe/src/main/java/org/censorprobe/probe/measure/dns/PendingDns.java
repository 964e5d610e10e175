package org.censorprobe.probe.measure.dns;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;

/**
 * A query answered (or failed) whose late-reply window may still be open: {@code observation} is what the first
 * reply said, and is what the measurement goes on with at once; {@code late} completes with the replies that came
 * after it when the window closes (UDP only; already complete otherwise). {@code lookups}: queries this one made
 * first and that belong in the same record (the DoH server's own name, resolved once per round).
 */
public record PendingDns(DnsObservation observation, CompletableFuture<List<DnsReply>> late,
                         List<PendingDns> lookups) {
  private static final CompletableFuture<List<DnsReply>> NONE = CompletableFuture.completedFuture(List.of());

  public PendingDns {
    lookups = List.copyOf(lookups);
  }

  public static PendingDns done(DnsObservation observation) {
    return new PendingDns(observation, NONE, List.of());
  }

  /** The observation with its late replies; waits for the window to close (it is bounded by the DNS deadline). */
  public DnsObservation complete() {
    List<DnsReply> replies = late.join();
    if (replies.isEmpty()) return observation;
    DnsObservation o = observation;
    return new DnsObservation(o.resolver(), o.query(), o.queryType(), o.attempt(), o.startedAt(), o.durationMs(),
        o.rcode(), o.cnameChain(), o.answers(), o.failure(), replies);
  }

  /** Completes when the late window has closed. */
  public CompletableFuture<Void> settled() {
    return late.thenApply(x -> null);
  }
}
