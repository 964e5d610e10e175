package org.censorprobe.reporter.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.FactText;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.reporter.read.BoundedText;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.reporter.read.Status;

/**
 * An evidence sample as labelled rows for a small table: each fact in the same words the classifier's sentence
 * uses (FactText, shared with the probe), then which classifier judged it and whether it was re-judged. No raw
 * keys, no JSON, no taxonomy names: where FactText's words carry a method's wire name, the reporter says the
 * method's symptom alone, and a fact kept from a record older than typed facts is put in words generically.
 */
final class EvidenceText {
  /** One row: a label and its text. */
  record Row(String label, String value) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_VALUE_CHARS = 600;

  private EvidenceText() {}

  /** Every fact but the host (named in the sample's heading), in the record's order: one row each. */
  static List<Row> facts(EvidenceSample s) {
    FactText text = FactText.of(s.round());
    String host = s.facts().stream().filter(f -> f instanceof Fact.Host).map(f -> ((Fact.Host) f).host()).findFirst()
        .orElse(null);
    List<Row> out = new ArrayList<>();
    for (Fact f : s.facts()) {
      if (f instanceof Fact.Host) continue;
      out.add(new Row(label(f), BoundedText.of(capital(clause(text, f, host)), MAX_VALUE_CHARS)));
    }
    return out;
  }

  /** Who judged it, and what an earlier classifier had said when the record was judged again. */
  static List<Row> judgement(EvidenceSample s) {
    List<Row> out = new ArrayList<>();
    out.add(new Row("Judged by", classifier(s.classifier())));
    if (s.rejudged()) out.add(new Row("Re-judged", "earlier judgement: " + judgementWords(s.previous())));
    return out;
  }

  /** Facts, then the judgement rows. */
  static List<Row> rows(EvidenceSample s) {
    List<Row> out = new ArrayList<>(facts(s));
    out.addAll(judgement(s));
    return out;
  }

  static String classifier(ClassifierVersion v) {
    return v == null ? "the first classifier (before versions were recorded)" : "classifier " + v;
  }

  /** "blocked (SNI filtering), by classifier 1.0.0": the verdict and the words Method.describe allows for it. */
  static String judgementWords(Judgement j) {
    String what = j.method() == null ? "" : " (" + j.method().describe(j.verdict()) + ")";
    return j.verdict().label() + what + ", by " + classifier(j.classifier());
  }

  /** The heading words of a verdict with its method: "blocked: SNI filtering", "technical: the server was down". */
  static String verdictWords(Status status, org.censorprobe.format.interpret.Method method) {
    if (method == null || status.verdict() == null) return status.label();
    return status.label() + ": " + method.describe(status.verdict());
  }

  private static String label(Fact f) {
    if (f instanceof Fact.Other o) return capital(o.key().replace('_', ' ').replace('.', ' '));
    return FactText.label(f);
  }

  private static String clause(FactText text, Fact f, String host) {
    // FactText adds the method's wire name in parentheses; the symptom says the same thing to a reader.
    if (f instanceof Fact.Replaced r) return "this endpoint itself saw " + r.method().symptom();
    if (f instanceof Fact.Other o) return otherWords(o.json());
    return text.clause(f, host);
  }

  /**
   * A fact of a record written before facts were typed, in words: its JSON's values joined, object keys as
   * words ("total 1, ok 1"; "tcp, http"). It says what the record holds and nothing more.
   */
  static String otherWords(String json) {
    try {
      return words(JSON.readTree(json));
    } catch (Exception e) {
      return json.replace('_', ' ');
    }
  }

  private static String words(JsonNode n) {
    if (n == null || n.isNull()) return "none";
    if (n.isTextual()) return valueWords(n.asText());
    if (n.isValueNode()) return n.asText();
    List<String> parts = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode e : n) parts.add(words(e));
      return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String value = words(e.getValue());
      parts.add(e.getKey().replace('_', ' ') + " " + (e.getValue().isContainerNode() ? "(" + value + ")" : value));
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** A value of an untyped fact: a method or failure by its words, a step by its name, else as written. */
  private static String valueWords(String v) {
    try {
      return org.censorprobe.format.interpret.Method.fromWire(v).symptom();
    } catch (IllegalArgumentException notAMethod) {
      // fall through
    }
    if (org.censorprobe.format.observe.FailureType.isKnownWire(v)) {
      return org.censorprobe.format.interpret.FailureText.of(org.censorprobe.format.observe.FailureType.fromWire(v));
    }
    if (List.of("dns", "tcp", "tls", "http").contains(v)) return v.toUpperCase(Locale.ROOT);
    return v.replace('_', ' ');
  }

  /**
   * Upper-cases the first letter of a clause that starts with a word, never a URL or an address: "the system
   * resolver..." becomes "The system resolver...", "http://x/ answered..." stays as it is.
   */
  static String capital(String s) {
    if (s == null || s.isEmpty()) return s;
    int end = s.indexOf(' ');
    String first = end < 0 ? s : s.substring(0, end);
    if (!first.chars().allMatch(Character::isLetter)) return s;
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
