package org.censorprobe.reporter.read;

import java.util.List;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.record.Measurement;

/** Turns one record into an {@link EvidenceSample}: its sentence and typed facts, bounded in number and length. */
public final class EvidenceReader {
  static final int MAX_FACTS = 24;

  private EvidenceReader() {}

  /** The kinds of fact in the order Fact declares them, which is the order the classifier gives them in. */
  private static final List<Class<?>> FACT_ORDER = List.of(Fact.class.getPermittedSubclasses());

  /**
   * Facts in the order Fact declares their kinds (facts of a kind it does not know last, by key). A record's facts
   * are a JSON object, and a copy of the same record keeps its keys in another order (PostgreSQL's jsonb sorts
   * them): the evidence must not depend on which copy a report was read from.
   */
  static List<Fact> canonical(List<Fact> facts) {
    List<Fact> sorted = new java.util.ArrayList<>(facts);
    sorted.sort(java.util.Comparator.comparingInt((Fact f) -> {
      int k = FACT_ORDER.indexOf(f.getClass());
      return k < 0 || f instanceof Fact.Other ? Integer.MAX_VALUE : k;
    }).thenComparing(f -> f instanceof Fact.Other ? f.key() : ""));
    return sorted;
  }

  public static EvidenceSample read(Measurement m) {
    Judgement j = m.judgement();
    Interpretation i = j.interpretation();
    List<Fact> facts = canonical(i.facts());
    if (facts.size() > MAX_FACTS) facts = facts.subList(0, MAX_FACTS);
    Judgement previous = m.previous().isEmpty() ? null : m.previous().get(m.previous().size() - 1);
    return new EvidenceSample(m.measuredAt(), m.endpoint(), Status.of(i.verdict()), i.method(), i.confidence(),
        BoundedText.of(i.evidence(), 2000), facts, j.round(), j.classifier(), previous);
  }
}
