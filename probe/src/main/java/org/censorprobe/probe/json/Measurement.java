package org.censorprobe.probe.json;

import java.time.Instant;
import java.util.List;
import org.censorprobe.probe.classify.Classification;
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

  /** A platform's roll-up over its endpoints, and the endpoints that drove it. */
  public record PlatformVerdict(Classification classification, List<String> drivenBy) {
    public PlatformVerdict {
      drivenBy = List.copyOf(drivenBy);
    }
  }

  /**
   * The state of the controls in the round. {@code localNetwork}: {@code up} (all controls reachable),
   * {@code degraded} (some failed), {@code gateway_cut} (international down, domestic up), {@code down} (all
   * failed), {@code unknown} (no controls configured).
   */
  public record RoundSummary(int controlsTotal, int controlsOk, int domesticTotal, int domesticOk,
                             String localNetwork) {}
}
