package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;

/**
 * What one layer's rules concluded for an endpoint, before the round's context (controls, remote vantage, other
 * platforms) is applied. {@link Kind#FAILURE} findings carry no verdict yet: {@link ContextJudge} decides them;
 * every other kind arrives decided. Facts are keyed: adding one under an existing key replaces it.
 */
record Finding(Kind kind, Verdict verdict, Method method, Confidence confidence, Map<String, Fact> facts,
               Fact.RemoteOutcome remote) {

  enum Kind {
    /** positive evidence of interference: a forged answer, a blockpage, an interception certificate */
    PROOF,
    /** a failure that interference and technical trouble both explain: the context decides */
    FAILURE,
    /** decided by the layer itself (technical, inconclusive, ok) */
    DECIDED
  }

  Finding {
    facts = new LinkedHashMap<>(facts);
  }

  static Finding proof(Method m, Confidence c, List<Fact> facts) {
    return new Finding(Kind.PROOF, Verdict.BLOCKED, m, c, keyed(facts), Fact.RemoteOutcome.NOT_MEASURED);
  }

  static Finding failure(Method m, List<Fact> facts, Fact.RemoteOutcome remote) {
    return new Finding(Kind.FAILURE, null, m, null, keyed(facts), remote);
  }

  static Finding decided(Verdict v, Method m, Confidence c, List<Fact> facts) {
    return new Finding(Kind.DECIDED, v, m, c, keyed(facts), Fact.RemoteOutcome.NOT_MEASURED);
  }

  Finding with(Fact f) {
    Map<String, Fact> m = new LinkedHashMap<>(facts);
    m.put(f.key(), f);
    return new Finding(kind, verdict, method, confidence, m, remote);
  }

  /** Adds the facts whose keys this finding does not have yet. */
  Finding withMissing(List<Fact> more) {
    Map<String, Fact> m = new LinkedHashMap<>(facts);
    for (Fact f : more) m.putIfAbsent(f.key(), f);
    return new Finding(kind, verdict, method, confidence, m, remote);
  }

  Finding decide(Verdict v, Method m, Confidence c) {
    return new Finding(Kind.DECIDED, v, m, c, facts, remote);
  }

  List<Fact> factList() {
    return new ArrayList<>(facts.values());
  }

  private static Map<String, Fact> keyed(List<Fact> facts) {
    Map<String, Fact> m = new LinkedHashMap<>();
    for (Fact f : facts) m.put(f.key(), f);
    return m;
  }
}
