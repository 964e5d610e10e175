package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform's verdict from its endpoints' verdicts, first rule that applies:
 * blocked if any endpoint is blocked with at least medium confidence (driven by those endpoints; method and
 * confidence of the most confident); ok if every endpoint is ok (driven by none); technical if every endpoint that is not ok is
 * technical; inconclusive otherwise (driven by the inconclusive and low-confidence blocked endpoints).
 */
final class PlatformRollup {
  PlatformVerdict rollUp(String platformId, String name, Map<String, Classification> endpoints) {
    List<String> blocked = new ArrayList<>(), notOk = new ArrayList<>(), nonTechnical = new ArrayList<>();
    for (Map.Entry<String, Classification> e : endpoints.entrySet()) {
      Classification c = e.getValue();
      if (c.verdict() == Verdict.BLOCKED && c.confidence() != Confidence.LOW) blocked.add(e.getKey());
      if (c.verdict() != Verdict.OK) notOk.add(e.getKey());
      if (c.verdict() != Verdict.OK && c.verdict() != Verdict.TECHNICAL) nonTechnical.add(e.getKey());
    }
    if (endpoints.isEmpty()) {
      return new PlatformVerdict(platformId, new Classification(Verdict.INCONCLUSIVE, null, Confidence.LOW,
          name + " has no endpoints measured in this round.", Map.of()), List.of());
    }
    if (!blocked.isEmpty()) return from(platformId, name, Verdict.BLOCKED, blocked, endpoints);
    if (notOk.isEmpty()) {
      // Nothing drove it: listing every endpoint would repeat the whole platform in each of its endpoints'
      // records, growing a platform's store with the square of its endpoints.
      return new PlatformVerdict(platformId, new Classification(Verdict.OK, null, Confidence.HIGH,
          "Every endpoint of " + name + " was reachable.", Map.of("endpoints_ok", endpoints.size())), List.of());
    }
    if (nonTechnical.isEmpty()) return from(platformId, name, Verdict.TECHNICAL, notOk, endpoints);
    return from(platformId, name, Verdict.INCONCLUSIVE, nonTechnical, endpoints);
  }

  private static PlatformVerdict from(String id, String name, Verdict v, List<String> drivers,
                                      Map<String, Classification> endpoints) {
    Classification best = null;
    for (String d : drivers) {
      Classification c = endpoints.get(d);
      if (best == null || c.confidence().ordinal() < best.confidence().ordinal()) best = c;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Object> methods = new LinkedHashMap<>();
    for (String d : drivers) methods.put(d, endpoints.get(d).method() == null ? "ok" : endpoints.get(d).method());
    facts.put("endpoints", methods);
    String evidence = name + " is " + v.label() + " (" + drivers.size() + " of " + endpoints.size()
        + " endpoints): " + best.evidence();
    return new PlatformVerdict(id, new Classification(v, best.method(), best.confidence(), evidence, facts),
        drivers);
  }
}
