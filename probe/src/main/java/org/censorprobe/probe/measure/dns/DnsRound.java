package org.censorprobe.probe.measure.dns;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the DNS step keeps for the length of one round: per DoH server, its host name resolved once (through the
 * system resolver, recorded) and one session whose connections the round's queries reuse. Closed when the round
 * ends, which drops those connections. Thread-safe.
 */
public final class DnsRound implements AutoCloseable {
  /** One DoH server for this round: where its name points, how that was learnt, and its session. */
  record DohServer(List<InetAddress> addresses, List<PendingDns> lookups, DnsReplyException failure,
                   DohExchange.Session session) {}

  private final Map<URI, CompletableFuture<DohServer>> doh = new ConcurrentHashMap<>();

  /** The future for {@code server}, and whether the caller created it (and must then complete it). */
  record Claim(CompletableFuture<DohServer> future, boolean mine) {}

  Claim claim(URI server) {
    CompletableFuture<DohServer> fresh = new CompletableFuture<>();
    CompletableFuture<DohServer> seen = doh.putIfAbsent(server, fresh);
    return seen == null ? new Claim(fresh, true) : new Claim(seen, false);
  }

  @Override
  public void close() {
    for (CompletableFuture<DohServer> f : doh.values()) {
      f.thenAccept(s -> {
        if (s.session() != null) s.session().close();
      });
    }
    doh.clear();
  }
}
