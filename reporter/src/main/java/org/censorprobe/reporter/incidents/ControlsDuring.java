package org.censorprobe.reporter.incidents;

import java.util.EnumMap;
import java.util.Map;
import org.censorprobe.format.interpret.LocalNetwork;

/**
 * The controls during an incident, from the round context of its failing rounds: how many rounds said what
 * about the probe's own network, and the fewest controls that answered.
 */
public record ControlsDuring(int rounds, Map<LocalNetwork, Integer> localNetwork, int minControlsOk,
                             int controlsTotal, int minDomesticOk, int domesticTotal) {
  public ControlsDuring {
    localNetwork = Map.copyOf(localNetwork);
  }

  static ControlsDuring none() {
    return new ControlsDuring(0, new EnumMap<>(LocalNetwork.class), 0, 0, 0, 0);
  }

  /** Every round with control data said the local network was up. */
  public boolean healthy() {
    return rounds > 0 && localNetwork.getOrDefault(LocalNetwork.UP, 0) == rounds;
  }

  /** At most one control was configured: it cannot tell its own server's outage from the probe's. */
  public boolean weakWitness() {
    return rounds > 0 && controlsTotal <= 1;
  }

  /** Every round of it said so. */
  public boolean all(LocalNetwork n) {
    return rounds > 0 && localNetwork.getOrDefault(n, 0) == rounds;
  }

  /** In words; {@code rounds} are the failing rounds that had control data, so never "all" of the incident's. */
  public String summary() {
    if (rounds == 0) return "unknown (no control data)";
    String weak = weakWitness() ? "; a single control is a weak witness" : "";
    if (healthy()) {
      return "healthy: " + Plural.every(controlsTotal, "control") + " " + Plural.verb(controlsTotal, "was", "were")
          + " reachable in " + Plural.count(rounds, "round") + weak;
    }
    StringBuilder b = new StringBuilder("not healthy: ");
    localNetwork.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(words(e.getKey()))
        .append(" in ").append(Plural.count(e.getValue(), "round")).append(", "));
    if (controlsTotal == 0) b.append("no controls configured");
    else if (controlsTotal == 1) b.append(minControlsOk == 0 ? "the control unreachable" : "the control reachable");
    else if (minControlsOk == 0) b.append("none of the ").append(controlsTotal).append(" controls reachable");
    else b.append("as few as ").append(minControlsOk).append(" of ").append(controlsTotal).append(" controls reachable");
    b.append(weak);
    return b.toString();
  }

  static String words(LocalNetwork n) {
    return switch (n) {
      case UP -> "every control reachable";
      case DEGRADED -> "some controls failing";
      case GATEWAY_CUT -> "the international link cut";
      case DOWN -> "nothing answering (the probe's uplink down)";
      case CAPTIVE_PORTAL -> "a captive portal";
      case UNKNOWN -> "no controls";
    };
  }
}
