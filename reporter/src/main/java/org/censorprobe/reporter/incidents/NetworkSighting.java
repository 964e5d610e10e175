package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;

/** What one probe saw of an event: which platforms, from when to when (end null while ongoing). */
public record NetworkSighting(ProbeIdentity probe, List<String> platforms, Instant start, Instant end) {
  public NetworkSighting {
    platforms = List.copyOf(platforms);
  }
}
