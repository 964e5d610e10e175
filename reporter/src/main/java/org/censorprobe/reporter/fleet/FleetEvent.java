package org.censorprobe.reporter.fleet;

import java.time.Instant;
import java.util.List;

/**
 * Blockings that overlap in time, on one network or several, told across the whole fleet: for each platform,
 * every network's stance during the platform's blocked window ({@link NetworkStance}). {@code end} is null while
 * any of it is ongoing. The headline's words come from the incidents' own (a technique only for a blocked
 * incident) and never count a network as blocked or reachable unless its own verdicts say so.
 */
public record FleetEvent(String id, Instant start, Instant end, List<PlatformStances> platforms,
                         List<String> incidentIds, String headline) {
  public FleetEvent {
    platforms = List.copyOf(platforms);
    incidentIds = List.copyOf(incidentIds);
  }

  public boolean ongoing() {
    return end == null;
  }

  /** One platform of the event: its blocked window ({@code to} null while ongoing) and each network's stance. */
  public record PlatformStances(String platform, String platformName, Instant from, Instant to,
                                List<NetworkStance> networks) {
    public PlatformStances {
      networks = List.copyOf(networks);
    }
  }
}
