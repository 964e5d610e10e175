package org.censorprobe.probe.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one layer's rules concluded for an endpoint, before the round context (controls, remote vantage,
 * other platforms) is applied. {@link Kind#FAILURE} findings carry no verdict yet: {@link FailureJudge} decides
 * them from the context; every other kind arrives decided.
 */
record Finding(Kind kind, String method, Verdict verdict, Confidence confidence, String evidence,
               Map<String, Object> facts, RemoteSaw remote) {

  enum Kind {
    /** positive evidence of interference (an injected answer, page, certificate, SNI-specific failure) */
    PROOF,
    /** a failure that interference and technical trouble both explain: the context decides */
    FAILURE,
    /** decided technical or inconclusive by the layer itself */
    DECIDED
  }

  /** What the remote vantage saw for the step that failed locally. */
  enum RemoteSaw { SUCCEEDED, FAILED, UNKNOWN }

  Finding {
    facts = new LinkedHashMap<>(facts);
  }

  static Finding proof(String method, Confidence c, String evidence, Map<String, Object> facts) {
    return new Finding(Kind.PROOF, method, Verdict.BLOCKED, c, evidence, facts, RemoteSaw.UNKNOWN);
  }

  static Finding failure(String method, String evidence, Map<String, Object> facts, RemoteSaw remote) {
    return new Finding(Kind.FAILURE, method, null, null, evidence, facts, remote);
  }

  static Finding decided(Verdict v, String method, Confidence c, String evidence, Map<String, Object> facts) {
    return new Finding(Kind.DECIDED, method, v, c, evidence, facts, RemoteSaw.UNKNOWN);
  }

  Finding withFact(String key, Object value) {
    Map<String, Object> f = new LinkedHashMap<>(facts);
    f.put(key, value);
    return new Finding(kind, method, verdict, confidence, evidence, f, remote);
  }
}
