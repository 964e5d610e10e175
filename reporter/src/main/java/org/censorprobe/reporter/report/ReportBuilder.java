package org.censorprobe.reporter.report;

import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetBuilder;
import org.censorprobe.reporter.fleet.FleetRounds;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Findings;
import org.censorprobe.reporter.incidents.HistoryAnalyzer;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.InputSummary;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.ReadSummary;
import org.censorprobe.reporter.read.RoundAssembler;
import org.censorprobe.reporter.read.RowFilter;

/** Reads the sources and runs the incident rules: the whole pipeline up to rendering. */
public final class ReportBuilder {
  private ReportBuilder() {}

  public static Report build(MeasurementSources sources, RowFilter filter, DetectionSettings settings,
                             InputProblems problems) {
    HistoryAnalyzer analyzer = new HistoryAnalyzer(settings);
    FleetRounds fleetRounds = new FleetRounds();
    ReadSummary read = sources.readInto(new RoundAssembler(analyzer.andThen(fleetRounds)), filter, problems);
    Findings findings = analyzer.finish(filter.from(), filter.to(), new InputSummary(read.rows(), 0,
        problems.count(), problems.messages(), read.sources(), read.classifiers()));
    // The fleet view and the arrival of late data are read off the finished report and the rounds: they decide
    // nothing the incident rules have not.
    return Report.of(findings).withFleet(FleetBuilder.build(findings, fleetRounds),
        read.arrival() == null ? null : Arrival.of(read.arrival(), fleetRounds, filter.to()));
  }
}
