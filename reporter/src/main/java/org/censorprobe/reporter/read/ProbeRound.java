package org.censorprobe.reporter.read;

import java.util.List;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.record.ProbeIdentity;

/**
 * All platforms, resolvers and controls of one round of one probe. {@code controls} is the round's context as its
 * records tell it (null when none was read).
 */
public record ProbeRound(ProbeIdentity probe, String roundId, long measuredAtMs, List<Round> platforms,
                         List<Round> resolvers, int controlsTotal, int controlsOk, RoundContext controls) {
  public ProbeRound {
    platforms = List.copyOf(platforms);
    resolvers = List.copyOf(resolvers);
  }

  /**
   * The probe's own network failed: nothing answered across its uplink, or every international control failed
   * while a domestic one answered. Every control failing is not enough: the classifier calls the uplink down only
   * when nothing at all got a response, and the reporter says no more than it.
   */
  public boolean networkDown() {
    return networkDown(controls);
  }

  static boolean networkDown(RoundContext c) {
    return c != null && (c.localNetwork() == LocalNetwork.DOWN || c.localNetwork() == LocalNetwork.GATEWAY_CUT);
  }
}
