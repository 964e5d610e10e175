package org.censorprobe.reporter.read;

import java.util.List;

/**
 * One platform in one round of one probe: the platform's roll-up verdict (its {@code platform_verdict}) and its
 * endpoints. {@code controls} is null when no record of the round was parsed (an all-ok round).
 */
public record Round(String probe, String platform, String platformName, String roundId, long measuredAtMs,
                    Status status, String method, String confidence, ControlState controls,
                    List<EndpointResult> endpoints) {
  public Round {
    endpoints = List.copyOf(endpoints);
  }

  /** The round failed because the probe's own network did, not the platform. */
  public boolean networkWide() {
    return (method != null && method.startsWith("network.")) || (controls != null && controls.networkDown());
  }
}
