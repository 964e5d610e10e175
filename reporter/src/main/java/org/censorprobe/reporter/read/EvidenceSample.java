package org.censorprobe.reporter.read;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.RoundContext;

/**
 * One measurement quoted as evidence: the quotable sentence and the typed facts behind it, with the round's
 * context (so a reader can say each fact in words), which classifier made the judgement, and whether the record
 * was re-judged (and what it said before: {@code previous}, the verdict and method of the judgement it replaced).
 */
public record EvidenceSample(Instant measuredAt, String endpoint, Status verdict, Method method, Confidence confidence,
                             String sentence, List<Fact> facts, RoundContext round, ClassifierVersion classifier,
                             String previous) {
  public EvidenceSample {
    facts = List.copyOf(facts);
  }

  public boolean rejudged() {
    return previous != null;
  }
}
