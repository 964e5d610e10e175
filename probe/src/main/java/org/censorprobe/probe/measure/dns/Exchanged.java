package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.censorprobe.format.observe.DnsReply;
import org.xbill.DNS.Message;

/**
 * What one query's exchange came to: the first matching reply or the failure, and {@code atNanos}, when that was
 * known (the reply's arrival, for a reply): a query sent together with another is timed by its own reply, not by the
 * pair's. {@code late}: the replies that come after the first (UDP only; complete and empty otherwise).
 */
record Exchanged(Message reply, IOException failure, long atNanos, CompletableFuture<List<DnsReply>> late) {
  static final CompletableFuture<List<DnsReply>> NO_LATE = CompletableFuture.completedFuture(List.of());

  Exchanged {
    if ((reply == null) == (failure == null)) throw new IllegalArgumentException("a reply or a failure");
  }

  static Exchanged replied(Message reply, long atNanos, CompletableFuture<List<DnsReply>> late) {
    return new Exchanged(reply, null, atNanos, late);
  }

  static Exchanged failed(IOException failure, long atNanos) {
    return new Exchanged(null, failure, atNanos, NO_LATE);
  }

  /** This failure instead, keeping the time and any late replies. */
  Exchanged withFailure(IOException other) {
    return new Exchanged(null, other, atNanos, late);
  }
}
