package org.censorprobe.reporter.render;

import java.io.IOException;
import java.io.Writer;
import org.censorprobe.reporter.report.Report;

/** Writes a report in one format. */
public interface ReportRenderer {
  void render(Report report, Writer out) throws IOException;
}
