package org.censorprobe.probe.classify;

import java.util.Map;

/**
 * The classifier's answer for one round. {@code endpoints} is keyed by platform id, then endpoint spec;
 * {@code controls} by control endpoint spec. {@code history} goes into the next round's observations.
 */
public record RoundVerdicts(Map<String, Map<String, Classification>> endpoints,
                           Map<String, PlatformVerdict> platforms,
                           Map<String, Classification> controls,
                           RoundSummary summary,
                           ThrottleHistory history) {
  public RoundVerdicts {
    java.util.Map<String, Map<String, Classification>> inner = new java.util.HashMap<>();
    endpoints.forEach((k, v) -> inner.put(k, Map.copyOf(v)));
    endpoints = Map.copyOf(inner);
    platforms = Map.copyOf(platforms);
    controls = Map.copyOf(controls);
  }

  public Classification endpoint(String platformId, String spec) {
    Map<String, Classification> m = endpoints.get(platformId);
    return m == null ? null : m.get(spec);
  }
}
