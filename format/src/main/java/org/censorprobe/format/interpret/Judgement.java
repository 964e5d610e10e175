package org.censorprobe.format.interpret;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a classifier concluded about one record: the record's own verdict, its platform's roll-up (null for
 * controls and resolvers), the round's context, which classifier made it and when. A stored record keeps its current
 * judgement and every previous one, so a corrected classifier can re-judge history without losing what was said.
 */
public record Judgement(Interpretation interpretation, PlatformVerdict platform, RoundContext round,
                        ClassifierVersion classifier, Instant judgedAt) {
  public Judgement {
    Objects.requireNonNull(interpretation, "interpretation");
  }

  public Verdict verdict() {
    return interpretation.verdict();
  }

  public Method method() {
    return interpretation.method();
  }
}
