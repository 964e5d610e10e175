package org.censorprobe.reporter.incidents;

import java.util.Map;

/**
 * The controls during an incident, from the {@code round} objects of its failing rounds: how many rounds said
 * what about the local network, and the fewest controls that answered.
 */
public record ControlsDuring(int rounds, Map<String, Integer> localNetwork, int minControlsOk, int controlsTotal,
                             int minDomesticOk, int domesticTotal) {
  public ControlsDuring {
    localNetwork = Map.copyOf(localNetwork);
  }

  /** Every round with control data said the local network was up. */
  public boolean healthy() {
    return rounds > 0 && localNetwork.getOrDefault("up", 0) == rounds;
  }

  public String summary() {
    if (rounds == 0) return "unknown (no control data)";
    if (healthy()) return "healthy (all " + controlsTotal + " controls reachable in " + rounds + " rounds)";
    StringBuilder b = new StringBuilder("not healthy: ");
    localNetwork.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(
        e -> b.append("local network ").append(e.getKey()).append(" in ").append(e.getValue()).append(" rounds, "));
    b.append("as few as ").append(minControlsOk).append(" of ").append(controlsTotal).append(" controls reachable");
    return b.toString();
  }
}
