package org.censorprobe.probe.json;

import java.time.Instant;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.classify.PlatformVerdict;
import org.censorprobe.probe.classify.RoundSummary;
import org.censorprobe.probe.config.ProbeIdentity;
import org.censorprobe.probe.observe.EndpointObservations;

/**
 * One endpoint's measurement as stored and exported: the observations and their interpretation, side by side
 * but apart. Serialised by {@link MeasurementJson}; the format is documented in docs/measurement-format.md.
 *
 * @param role {@code platform} or {@code control}
 * @param platform the platform id, or {@code control} for control targets
 * @param platformVerdict the roll-up of this endpoint's platform in this round (null for controls)
 */
public record Measurement(
    String id,
    String roundId,
    Instant measuredAt,
    ProbeIdentity probe,
    String role,
    String platform,
    String platformName,
    boolean domestic,
    Classification classification,
    PlatformVerdict platformVerdict,
    RoundSummary round,
    EndpointObservations steps) {

  public static final String ROLE_PLATFORM = "platform";
  public static final String ROLE_CONTROL = "control";
}
