package org.censorprobe.reporter.render;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.FactText;
import org.censorprobe.reporter.read.BoundedText;
import org.censorprobe.reporter.read.EvidenceSample;

/**
 * An evidence sample as labelled rows for a small table: each fact in the same words the classifier's sentence
 * uses (FactText, shared with the probe), then which classifier judged it and whether it was re-judged. No raw
 * keys, no JSON.
 */
final class EvidenceText {
  /** One row: a label and its text. */
  record Row(String label, String value) {}

  private EvidenceText() {}

  static List<Row> rows(EvidenceSample s) {
    FactText text = FactText.of(s.round());
    String host = s.facts().stream().filter(f -> f instanceof Fact.Host).map(f -> ((Fact.Host) f).host()).findFirst()
        .orElse(null);
    List<Row> out = new ArrayList<>();
    for (Fact f : s.facts()) {
      if (f instanceof Fact.Host) continue;
      out.add(new Row(FactText.label(f), BoundedText.of(capital(text.clause(f, host)), 600)));
    }
    if (s.classifier() != null) out.add(new Row("Judged by", "classifier " + s.classifier()));
    else out.add(new Row("Judged by", "the first classifier (before versions were recorded)"));
    if (s.rejudged()) out.add(new Row("Re-judged", "earlier judgement: " + s.previous()));
    return out;
  }

  static String capital(String s) {
    return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
