package org.censorprobe.reporter.histories;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.censorprobe.reporter.render.Colophon;

/** Reports built from the committed histories. */
public final class Fixtures {
  /** A fixed maker and time, so that rendered reports are the same bytes every run. */
  public static final Colophon COLOPHON = new Colophon("0.1.0-test", Instant.parse("2026-11-21T09:30:15Z"));

  private Fixtures() {}

  public static Path history(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/histories/" + name + ".jsonl").toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no history " + name, e);
    }
  }

  public static Report report(String name) {
    return report(name, DetectionSettings.DEFAULTS);
  }

  public static Report report(String name, DetectionSettings settings) {
    return ReportBuilder.build(new MeasurementSources(null, List.of(history(name))), RowFilter.ALL, settings,
        new InputProblems(true));
  }
}
