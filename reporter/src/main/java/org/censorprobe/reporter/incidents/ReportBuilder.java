package org.censorprobe.reporter.incidents;

import org.censorprobe.reporter.read.InputProblems;
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
    ReadSummary read = sources.readInto(new RoundAssembler(analyzer), filter, problems);
    return analyzer.finish(filter.from(), filter.to(), new Report.InputSummary(read.rows(), 0, problems.count(),
        problems.messages(), read.sources(), read.classifiers()));
  }
}
