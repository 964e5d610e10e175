package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;

/**
 * Incidents that overlap in time and share a key (a blocking technique, or a layer), on one or several probes,
 * told as one story whose words claim no more than the verdicts under it.
 * {@code kind} is {@code platforms} or {@code network_outage}. {@code stayedReachable} names the platforms of
 * the same probes that had ok rounds and no incident during the event.
 */
public record Event(String id, String kind, EventKey key, String classification, Instant start, Instant end,
                    List<String> platforms, List<NetworkSighting> networks, List<String> incidentIds,
                    List<String> stayedReachable, boolean controlsHealthy, String controls, String headline) {
  public static final String KIND_PLATFORMS = "platforms";
  public static final String KIND_NETWORK_OUTAGE = Incident.KIND_NETWORK_OUTAGE;

  public Event {
    platforms = List.copyOf(platforms);
    networks = List.copyOf(networks);
    incidentIds = List.copyOf(incidentIds);
    stayedReachable = List.copyOf(stayedReachable);
  }

  public boolean ongoing() {
    return end == null;
  }
}
