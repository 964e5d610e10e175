package org.censorprobe.reporter.report;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetView;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Event;
import org.censorprobe.reporter.incidents.Findings;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.InputSummary;

/**
 * Everything a rendered report shows: the period, the probes, the events, the incidents, one timeline per
 * platform and probe, and what the input held. {@code fleet} compares the networks when there are several (null
 * otherwise); {@code arrival} says whether the central store may still be receiving the window's data (null when
 * the input is not the central store, which alone knows when data arrived).
 */
public record Report(Instant from, Instant to, List<ProbeIdentity> probes, List<Event> events, List<Incident> incidents,
                     List<Timeline> timelines, DetectionSettings settings, InputSummary input, FleetView fleet,
                     Arrival arrival) {
  public Report {
    probes = List.copyOf(probes);
    events = List.copyOf(events);
    incidents = List.copyOf(incidents);
    timelines = List.copyOf(timelines);
  }

  public Report(Instant from, Instant to, List<ProbeIdentity> probes, List<Event> events, List<Incident> incidents,
                List<Timeline> timelines, DetectionSettings settings, InputSummary input) {
    this(from, to, probes, events, incidents, timelines, settings, input, null, null);
  }

  /** The incident rules' findings, before the fleet view is added. */
  public static Report of(Findings f) {
    return new Report(f.from(), f.to(), f.probes(), f.events(), f.incidents(), f.timelines(), f.settings(), f.input());
  }

  public Report withFleet(FleetView newFleet, Arrival newArrival) {
    return new Report(from, to, probes, events, incidents, timelines, settings, input, newFleet, newArrival);
  }
}
