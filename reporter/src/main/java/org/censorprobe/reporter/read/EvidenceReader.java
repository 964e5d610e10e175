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

  public static EvidenceSample read(Measurement m) {
    Judgement j = m.judgement();
    Interpretation i = j.interpretation();
    List<Fact> facts = i.facts().size() > MAX_FACTS ? i.facts().subList(0, MAX_FACTS) : i.facts();
    Judgement previous = m.previous().isEmpty() ? null : m.previous().get(m.previous().size() - 1);
    return new EvidenceSample(m.measuredAt(), m.endpoint(), Status.of(i.verdict()), i.method(), i.confidence(),
        BoundedText.of(i.evidence(), 2000), facts, j.round(), j.classifier(), previous);
  }
}
