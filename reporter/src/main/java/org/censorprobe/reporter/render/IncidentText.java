package org.censorprobe.reporter.render;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.reporter.incidents.Count;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.NoDataSpan;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.incidents.TimeText;

/**
 * An incident's numbers in the words every format shows: the same phrase in HTML and Markdown, plurals right,
 * methods by their symptom (words that accuse no one, whatever the verdict) rather than their wire names.
 */
final class IncidentText {
  private IncidentText() {}

  /** "8 blocked", "4 blocked, 3 technical": only the verdicts that occurred. */
  static String split(Incident i) {
    List<String> parts = new ArrayList<>();
    for (String v : List.of(Incident.BLOCKED, Incident.TECHNICAL, Incident.INCONCLUSIVE)) {
      int n = i.split().getOrDefault(v, 0);
      if (n > 0) parts.add(n + " " + v);
    }
    return parts.isEmpty() ? "none judged" : String.join(", ", parts);
  }

  /** "7 failing rounds (4 blocked, 3 technical), 1 ok round in between". */
  static String rounds(Incident i) {
    StringBuilder b = new StringBuilder(Plural.count(i.failingRounds(), "failing round")).append(" (")
        .append(split(i)).append(')');
    if (i.okRoundsInside() > 0) b.append(", ").append(Plural.count(i.okRoundsInside(), "ok round")).append(" in between");
    if (i.networkRoundsInside() > 0) {
      b.append(", ").append(Plural.count(i.networkRoundsInside(), "round")).append(" during a network outage");
    }
    return b.toString();
  }

  /** "this incident spans 2 gaps in the data: from ... to ...; from ... to ...". */
  static String noData(Incident i) {
    List<String> gaps = new ArrayList<>();
    for (NoDataSpan g : i.noData()) gaps.add(TimeText.span(g.from(), g.to()));
    String more = i.noDataSpans() > i.noData().size() ? "; and " + (i.noDataSpans() - i.noData().size()) + " more" : "";
    return "this incident spans " + Plural.count(i.noDataSpans(), "gap") + " in the data: " + String.join("; ", gaps)
        + more;
  }

  /** "https://m.facebook.com/ (8 rounds), ...": each endpoint with the failing rounds it failed in. */
  static String endpoints(Incident i, int max) {
    return list(i.endpoints(), max, c -> c.name() + " (" + Plural.count(c.rounds(), "round") + ")");
  }

  /**
   * "handshakes failed for this server name only (16 measurements)": each method that endpoints had, by its
   * symptom, with how many measurements (one endpoint in one round) had it.
   */
  static String methods(Incident i, int max) {
    return list(i.methods(), max, c -> methodWords(c.name()) + " (" + Plural.count(c.rounds(), "measurement") + ")");
  }

  /** A method's symptom, from its wire name as counted; a name this version does not know stays as it is. */
  static String methodWords(String wire) {
    try {
      return Method.fromWire(wire).symptom();
    } catch (IllegalArgumentException e) {
      return "(none)".equals(wire) ? "no method recorded" : wire;
    }
  }

  /** "2026-11-20 06:15 UTC · https://www.facebook.com/ · blocked: SNI filtering · high confidence". */
  static String sample(org.censorprobe.reporter.read.EvidenceSample s) {
    return TimeText.instant(s.measuredAt()) + " UTC · " + s.endpoint() + " · " + EvidenceText.verdictWords(s.verdict(),
        s.method()) + (s.confidence() == null ? "" : " · " + s.confidence().label() + " confidence");
  }

  /** "kcell-1 — Kcell (AS29355), KZ". */
  static String probe(org.censorprobe.format.record.ProbeIdentity p) {
    return p.id() + " — " + org.censorprobe.reporter.incidents.EventGrouper.networkName(p)
        + (p.country() == null ? "" : ", " + p.country());
  }

  /** "from 2026-11-20 06:15 to 06:55 UTC (40 min)", with the last round of an ongoing one. */
  static String when(Incident i) {
    return TimeText.span(i.start(), i.end()) + " (" + TimeText.duration(i.duration()) + ")"
        + (i.ongoing() ? "; last round " + TimeText.instant(i.lastSeen()) + " UTC" : "");
  }

  /** The controls in one word for a table cell. */
  static String controlsCell(Incident i) {
    return i.controls().healthy() ? "healthy" : i.controls().rounds() == 0 ? "unknown" : "not healthy";
  }

  private static String list(List<Count> counts, int max, java.util.function.Function<Count, String> words) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < counts.size() && k < max; k++) {
      if (k > 0) b.append(", ");
      b.append(words.apply(counts.get(k)));
    }
    if (counts.size() > max) b.append(", and ").append(counts.size() - max).append(" more");
    return b.toString();
  }
}
