package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.Verdict;

/**
 * A platform's verdict from its endpoints' verdicts, first rule that applies: blocked if any endpoint is blocked
 * with at least medium confidence (driven by those endpoints; method and confidence of the most confident, ties
 * by endpoint); ok if every endpoint is ok (driven by none); technical if every endpoint that is not ok is
 * technical; inconclusive otherwise (driven by the inconclusive and low-confidence blocked endpoints).
 */
final class PlatformRollup {
  private PlatformRollup() {}

  /** @param endpoints by endpoint spec, sorted */
  static PlatformVerdict rollUp(String name, Map<String, Interpretation> endpoints) {
    List<String> blocked = new ArrayList<>(), notOk = new ArrayList<>(), nonTechnical = new ArrayList<>();
    endpoints.forEach((spec, c) -> {
      if (c.verdict() == Verdict.BLOCKED && c.confidence() != Confidence.LOW) blocked.add(spec);
      if (c.verdict() != Verdict.OK) notOk.add(spec);
      if (c.verdict() != Verdict.OK && c.verdict() != Verdict.TECHNICAL) nonTechnical.add(spec);
    });
    if (endpoints.isEmpty()) {
      return new PlatformVerdict(new Interpretation(Verdict.INCONCLUSIVE, null, Confidence.LOW,
          name + " has no endpoints measured in this round.", List.of()), List.of());
    }
    if (!blocked.isEmpty()) return from(name, Verdict.BLOCKED, blocked, endpoints);
    if (notOk.isEmpty()) {
      // Nothing drove it: listing every endpoint would repeat the whole platform in each of its endpoints'
      // records, growing a platform's store with the square of its endpoints.
      return new PlatformVerdict(new Interpretation(Verdict.OK, null, Confidence.HIGH,
          "Every endpoint of " + name + " was reachable.", List.of()), List.of());
    }
    if (nonTechnical.isEmpty()) return from(name, Verdict.TECHNICAL, notOk, endpoints);
    return from(name, Verdict.INCONCLUSIVE, nonTechnical, endpoints);
  }

  private static PlatformVerdict from(String name, Verdict v, List<String> drivers,
                                      Map<String, Interpretation> endpoints) {
    String bestSpec = null;
    for (String d : drivers) {
      if (bestSpec == null || endpoints.get(d).confidence().ordinal() < endpoints.get(bestSpec).confidence().ordinal()) {
        bestSpec = d;
      }
    }
    Interpretation best = endpoints.get(bestSpec);
    String evidence = name + ": " + drivers.size() + " of " + endpoints.size() + " endpoints " + v.label()
        + "; " + bestSpec + ": " + best.evidence();
    return new PlatformVerdict(new Interpretation(v, best.method(), best.confidence(), evidence, List.of()), drivers);
  }
}
