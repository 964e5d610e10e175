package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.InputSummary;

/**
 * What the incident rules found over the period: the probes, events, incidents and one timeline per platform and
 * probe. The report adds the fleet view to it; the fleet view is built from it.
 */
public record Findings(Instant from, Instant to, List<ProbeIdentity> probes, List<Event> events,
                       List<Incident> incidents, List<Timeline> timelines, DetectionSettings settings,
                       InputSummary input) {
  public Findings {
    probes = List.copyOf(probes);
    events = List.copyOf(events);
    incidents = List.copyOf(incidents);
    timelines = List.copyOf(timelines);
  }
}
