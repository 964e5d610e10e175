package org.censorprobe.probe.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.censorprobe.format.record.Measurement;

/** The latest measurement of every endpoint and the latest round of every platform: what {@code /} shows. */
public final class StatusBoard {
  /** One endpoint's latest state. */
  public record EndpointStatus(String platform, String platformName, String endpoint, String verdict,
                               String method, String evidence, Instant measuredAt) {}

  /** One platform's latest round. */
  public record PlatformStatus(String platform, String platformName, String verdict, String evidence,
                               Instant roundAt) {}

  private final Map<List<String>, EndpointStatus> endpoints = new ConcurrentHashMap<>();
  private final Map<String, PlatformStatus> platforms = new ConcurrentHashMap<>();
  private volatile String localNetwork = "unknown";
  private volatile Instant lastRound;

  void record(List<Measurement> round, String localNetwork) {
    Instant latest = null;
    for (Measurement m : round) {
      var c = m.judgement().interpretation();
      String endpoint = m.endpoint();
      endpoints.put(List.of(m.platform(), endpoint), new EndpointStatus(m.platform(), m.platformName(), endpoint,
          c.verdict().label(), c.method() == null ? null : c.method().wire(), c.evidence(), m.measuredAt()));
      if (m.judgement().platform() != null) {
        var pv = m.judgement().platform().interpretation();
        platforms.put(m.platform(), new PlatformStatus(m.platform(), m.platformName(), pv.verdict().label(),
            pv.evidence(), m.measuredAt()));
      }
      if (latest == null || m.measuredAt().isAfter(latest)) latest = m.measuredAt();
    }
    if (localNetwork != null) this.localNetwork = localNetwork;
    if (latest != null) lastRound = latest;
  }

  /** Forgets endpoints and platforms a reload removed. */
  void retain(Set<List<String>> keptEndpoints, Set<String> keptPlatforms) {
    endpoints.keySet().removeIf(k -> !keptEndpoints.contains(k));
    platforms.keySet().removeIf(p -> !keptPlatforms.contains(p));
  }

  public List<EndpointStatus> endpoints() {
    List<EndpointStatus> out = new ArrayList<>(endpoints.values());
    out.sort(Comparator.comparing(EndpointStatus::platform).thenComparing(EndpointStatus::endpoint));
    return out;
  }

  public List<PlatformStatus> platforms() {
    List<PlatformStatus> out = new ArrayList<>(platforms.values());
    out.sort(Comparator.comparing(PlatformStatus::platform));
    return out;
  }

  public String localNetwork() {
    return localNetwork;
  }

  public Instant lastRound() {
    return lastRound;
  }
}
