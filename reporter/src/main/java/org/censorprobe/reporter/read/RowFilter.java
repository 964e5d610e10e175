package org.censorprobe.reporter.read;

import java.time.Instant;
import java.util.Set;

/**
 * Which measurements a report covers. Empty sets mean all. Controls and resolvers pass the platform filter: they
 * are what tells a network outage or a broken resolver from a blocking.
 */
public record RowFilter(Instant from, Instant to, Set<String> platforms, Set<String> probes) {
  public static final RowFilter ALL = new RowFilter(null, null, Set.of(), Set.of());

  public RowFilter {
    platforms = Set.copyOf(platforms);
    probes = Set.copyOf(probes);
  }

  public boolean accepts(MeasurementRow row) {
    if (from != null && row.measuredAtMs() < from.toEpochMilli()) return false;
    if (to != null && row.measuredAtMs() >= to.toEpochMilli()) return false;
    if (!probes.isEmpty() && !probes.contains(row.probe())) return false;
    return platforms.isEmpty() || row.isControl() || row.isResolver() || platforms.contains(row.platform());
  }
}
