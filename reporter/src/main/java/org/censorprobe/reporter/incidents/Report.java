package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetView;
import org.censorprobe.reporter.read.ClassifierTally;
import org.censorprobe.reporter.read.SourceSummary;

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

  public Report withFleet(FleetView newFleet, Arrival newArrival) {
    return new Report(from, to, probes, events, incidents, timelines, settings, input, newFleet, newArrival);
  }

  /**
   * Rows read, malformed input skipped (with the first few messages), each source with its share of the rows, and
   * the classifiers that judged them (a report may span several versions).
   */
  public record InputSummary(long measurements, long rounds, long skipped, List<String> problems,
                             List<SourceSummary> sources, List<ClassifierTally.Count> classifiers) {
    public InputSummary {
      problems = List.copyOf(problems);
      sources = List.copyOf(sources);
      classifiers = List.copyOf(classifiers);
    }
  }
}
