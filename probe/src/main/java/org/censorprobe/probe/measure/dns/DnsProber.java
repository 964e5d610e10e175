package org.censorprobe.probe.measure.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.observe.DnsObservation;

/** Asks one resolver for a name's A and AAAA records. Stateless between calls; safe for concurrent use. */
public final class DnsProber {
  private final Duration timeout;
  private final BogonRanges bogons;
  private final List<InetSocketAddress> systemNameservers;

  /** @param systemNameservers what /etc/resolv.conf names (see {@link SystemNameservers}) */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers) {
    this.timeout = timeout;
    this.bogons = bogons;
    this.systemNameservers = List.copyOf(systemNameservers);
  }

  /** Two observations, A then AAAA. Never throws: every failure is recorded in the observation. */
  public List<DnsObservation> resolve(ResolverSpec resolver, String name, int attempt) {
    throw new UnsupportedOperationException("TODO(dns helper)");
  }
}
