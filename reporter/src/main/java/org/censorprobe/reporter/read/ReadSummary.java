package org.censorprobe.reporter.read;

import java.util.List;

/**
 * What reading gave: the rows read in all, each source's share, the classifiers that judged them, and when the
 * central store received them ({@code arrival}; null without a central store, the only one that knows).
 */
public record ReadSummary(long rows, List<SourceSummary> sources, List<ClassifierTally.Count> classifiers,
                          ArrivalFacts arrival) {
  public ReadSummary {
    sources = List.copyOf(sources);
    classifiers = List.copyOf(classifiers);
  }

  public ReadSummary(long rows, List<SourceSummary> sources, List<ClassifierTally.Count> classifiers) {
    this(rows, sources, classifiers, null);
  }
}
