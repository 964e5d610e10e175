package org.censorprobe.reporter.read;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.RoundContext;

/**
 * One measurement quoted as evidence: the quotable sentence and the typed facts behind it, with the round's
 * context (so a reader can say each fact in words), which classifier made the judgement, and whether the record
 * was re-judged (and what it said before: {@code previous}, the judgement it replaced, typed so that a report can
 * say it in words).
 */
public record EvidenceSample(Instant measuredAt, String endpoint, Status verdict, Method method, Confidence confidence,
                             String sentence, List<Fact> facts, RoundContext round, ClassifierVersion classifier,
                             Judgement previous) {
  public EvidenceSample {
    facts = List.copyOf(facts);
  }

  public boolean rejudged() {
    return previous != null;
  }

  /** The replaced judgement as data: verdict, method and classifier ("blocked tls.sni_filtered (classifier 1.0)"). */
  public String previousWire() {
    if (previous == null) return null;
    return previous.verdict().label() + (previous.method() == null ? "" : " " + previous.method().wire())
        + (previous.classifier() == null ? " (the first classifier)" : " (classifier " + previous.classifier() + ")");
  }
}
