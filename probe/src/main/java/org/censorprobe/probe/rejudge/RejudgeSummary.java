package org.censorprobe.probe.rejudge;

import java.util.List;
import java.util.Map;

/**
 * What a re-judgement found and did.
 *
 * @param roundsJudged rounds the classifier judged, warm-up rounds before the scope included
 * @param recordsInScope records the scope let it rewrite
 * @param transitions records whose verdict or method changed, by old -> new
 * @param restated records with the same verdict and method but other facts, confidence or wording
 * @param unchanged records the current classifier judges exactly as stored
 * @param added records the stored round lacked (e.g. resolver records, new in classifier 2)
 * @param unreadableRounds rounds left as they were because a record in them could not be read
 * @param written rows written (0 on a dry run)
 */
public record RejudgeSummary(int roundsJudged, long recordsInScope, Map<Transition, Long> transitions,
                             long restated, long unchanged, long added, List<String> unreadableRounds,
                             long written) {
  public RejudgeSummary {
    transitions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(transitions));
    unreadableRounds = List.copyOf(unreadableRounds);
  }

  public long verdictsChanged() {
    return transitions.values().stream().mapToLong(Long::longValue).sum();
  }
}
