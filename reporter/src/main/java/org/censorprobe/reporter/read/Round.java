package org.censorprobe.reporter.read;

import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Layer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.RoundContext;

/**
 * One platform (or one resolver, judged as a subject of its own) in one round of one probe: its roll-up verdict
 * and its endpoints. {@code controls} is null when no record of the round was read (an all-ok round).
 */
public record Round(String probe, String platform, String platformName, String roundId, long measuredAtMs,
                    Status status, Method method, Confidence confidence, RoundContext controls,
                    List<EndpointResult> endpoints) {
  public Round {
    endpoints = List.copyOf(endpoints);
  }

  /** The round failed because the probe's own network did, not the platform. */
  public boolean networkWide() {
    return method != null && method.layer() == Layer.NETWORK || ProbeRound.networkDown(controls);
  }
}
