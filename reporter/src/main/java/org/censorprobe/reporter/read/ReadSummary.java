package org.censorprobe.reporter.read;

import java.util.List;

/** What reading gave: the rows read in all, each source's share, and the classifiers that judged them. */
public record ReadSummary(long rows, List<SourceSummary> sources, List<ClassifierTally.Count> classifiers) {
  public ReadSummary {
    sources = List.copyOf(sources);
    classifiers = List.copyOf(classifiers);
  }
}
