package org.censorprobe.reporter.histories;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Report;
import org.censorprobe.reporter.incidents.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;

/** Reports built from the committed histories. */
public final class Fixtures {
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
