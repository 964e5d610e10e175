package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.ClassifierTally;
import org.censorprobe.reporter.read.SourceSummary;

/**
 * Everything a rendered report shows: the period, the probes, the events, the incidents, one timeline per
 * platform and probe, and what the input held.
 */
public record Report(Instant from, Instant to, List<ProbeIdentity> probes, List<Event> events, List<Incident> incidents,
                     List<Timeline> timelines, DetectionSettings settings, InputSummary input) {
  public Report {
    probes = List.copyOf(probes);
    events = List.copyOf(events);
    incidents = List.copyOf(incidents);
    timelines = List.copyOf(timelines);
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
