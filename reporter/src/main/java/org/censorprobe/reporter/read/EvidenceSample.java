package org.censorprobe.reporter.read;

import java.time.Instant;
import java.util.List;

/**
 * One endpoint measurement quoted as evidence: the quotable sentence, the classifier's facts, and the
 * observations behind them (DNS answers vs the control's, certificate issuer, blockpage title, SNI swap, the
 * control helper's view). All text is bounded in length; none of it is escaped yet.
 */
public record EvidenceSample(Instant measuredAt, String endpoint, Status verdict, String method, String confidence,
                             String sentence, List<Fact> facts, List<Fact> observations) {
  public EvidenceSample {
    facts = List.copyOf(facts);
    observations = List.copyOf(observations);
  }
}
