package org.censorprobe.reporter.read;

import java.util.List;

/** All platforms and controls of one round of one probe. */
public record ProbeRound(ProbeInfo probe, String roundId, long measuredAtMs, List<Round> platforms,
                         int controlsTotal, int controlsOk, ControlState controls) {
  public ProbeRound {
    platforms = List.copyOf(platforms);
  }

  /** Everything including the controls failed: the network, not any platform, was down. */
  public boolean networkDown() {
    if (controls != null && controls.networkDown()) return true;
    if (controlsTotal > 0 && controlsOk == 0) return true;
    return platforms.stream().anyMatch(Round::networkWide);
  }
}
