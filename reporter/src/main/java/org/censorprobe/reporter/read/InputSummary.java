package org.censorprobe.reporter.read;

import java.util.List;

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
