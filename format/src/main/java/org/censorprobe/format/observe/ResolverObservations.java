package org.censorprobe.format.observe;

import java.util.List;

/**
 * A resolver's own record: the queries the round made to it (controls' and platforms' names alike), copied from
 * the endpoint records they belong to, so that every claim about the resolver is backed inside its own record.
 */
public record ResolverObservations(List<DnsObservation> queries) implements Steps {
  public ResolverObservations {
    queries = List.copyOf(queries);
  }

  @Override
  public double durationMs() {
    return queries.stream().mapToDouble(DnsObservation::durationMs).max().orElse(0);
  }
}
