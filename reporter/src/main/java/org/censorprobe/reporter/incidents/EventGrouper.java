package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.censorprobe.reporter.read.ProbeInfo;
import org.censorprobe.reporter.read.Status;

/**
 * Groups incidents into events: incidents of one method family whose times overlap (on one probe or several)
 * are one event; network outages group only with network outages. Every incident belongs to exactly one event.
 */
public final class EventGrouper {
  private EventGrouper() {}

  public static List<Event> group(List<Incident> incidents, List<Timeline> timelines) {
    Map<MethodFamily, List<Incident>> byFamily = new EnumMap<>(MethodFamily.class);
    for (Incident i : incidents) byFamily.computeIfAbsent(i.family(), f -> new ArrayList<>()).add(i);
    List<List<Incident>> clusters = new ArrayList<>();
    for (List<Incident> family : byFamily.values()) {
      family.sort(Comparator.comparing(Incident::start));
      List<Incident> cluster = new ArrayList<>();
      Instant clusterEnd = null;
      for (Incident i : family) {
        if (!cluster.isEmpty() && i.start().isAfter(clusterEnd)) {
          clusters.add(cluster);
          cluster = new ArrayList<>();
        }
        clusterEnd = cluster.isEmpty() || i.endOrMax().isAfter(clusterEnd) ? i.endOrMax() : clusterEnd;
        cluster.add(i);
      }
      if (!cluster.isEmpty()) clusters.add(cluster);
    }
    clusters.sort(Comparator.comparing((List<Incident> c) -> c.get(0).start()).thenComparing(c -> c.get(0).family()));
    List<Event> events = new ArrayList<>();
    for (List<Incident> cluster : clusters) events.add(event("E" + (events.size() + 1), cluster, incidents, timelines));
    return List.copyOf(events);
  }

  private static Event event(String id, List<Incident> cluster, List<Incident> all, List<Timeline> timelines) {
    Incident first = cluster.get(0);
    boolean outage = Incident.KIND_NETWORK_OUTAGE.equals(first.kind());
    Instant start = first.start();
    Instant end = Instant.MIN;
    Set<String> platforms = new LinkedHashSet<>();
    TreeSet<String> classifications = new TreeSet<>();
    Map<String, List<Incident>> byProbe = new LinkedHashMap<>();
    boolean healthy = true;
    for (Incident i : cluster) {
      if (i.start().isBefore(start)) start = i.start();
      if (end != null) end = i.end() == null ? null : i.end().isAfter(end) ? i.end() : end;
      if (!outage) platforms.add(i.platformName());
      classifications.add(i.classification());
      byProbe.computeIfAbsent(i.probe().id(), p -> new ArrayList<>()).add(i);
      healthy &= i.controls().healthy();
    }
    List<NetworkSighting> networks = new ArrayList<>();
    for (List<Incident> probeIncidents : byProbe.values()) {
      Instant s = probeIncidents.get(0).start();
      Instant e = Instant.MIN;
      Set<String> names = new LinkedHashSet<>();
      for (Incident i : probeIncidents) {
        if (i.start().isBefore(s)) s = i.start();
        if (e != null) e = i.end() == null ? null : i.end().isAfter(e) ? i.end() : e;
        if (!outage) names.add(i.platformName());
      }
      networks.add(new NetworkSighting(probeIncidents.get(0).probe(), List.copyOf(names), s, e));
    }
    String classification = classifications.size() == 1 ? classifications.first() : Incident.MIXED;
    List<String> reachable = outage ? List.of() : stayedReachable(byProbe.keySet(), platforms, start, end, all, timelines);
    String controls = outage ? "the controls were down" : healthy ? "the controls were healthy" : "the controls were not all healthy";
    String headline = outage
        ? outageHeadline(networks, start, end)
        : platformHeadline(List.copyOf(platforms), classification, first.family(), start, end, networks, reachable, controls);
    return new Event(id, outage ? Event.KIND_NETWORK_OUTAGE : Event.KIND_PLATFORMS, first.family(), classification,
        start, end, List.copyOf(platforms), networks, cluster.stream().map(Incident::id).toList(), reachable,
        !outage && healthy, controls, headline);
  }

  /** Platforms of the event's probes with ok rounds and no incident of their own during the event, everywhere. */
  private static List<String> stayedReachable(Set<String> probes, Set<String> eventPlatforms, Instant start,
                                              Instant end, List<Incident> all, List<Timeline> timelines) {
    Instant until = end == null ? Instant.MAX : end;
    Map<String, Boolean> verdict = new LinkedHashMap<>();
    for (Timeline t : timelines) {
      if (!probes.contains(t.probe().id()) || Timeline.NETWORK.equals(t.platform())
          || eventPlatforms.contains(t.platformName())) continue;
      boolean sawOk = t.bands().stream().anyMatch(b -> b.status() == Status.OK
          && b.from().isBefore(until) && b.to().isAfter(start));
      boolean hadIncident = all.stream().anyMatch(i -> i.probe().id().equals(t.probe().id())
          && t.platform().equals(i.platform()) && i.start().isBefore(until) && i.endOrMax().isAfter(start));
      verdict.merge(t.platformName(), sawOk && !hadIncident, Boolean::logicalAnd);
    }
    return verdict.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }

  private static String platformHeadline(List<String> platforms, String classification, MethodFamily family,
                                         Instant start, Instant end, List<NetworkSighting> networks,
                                         List<String> reachable, String controls) {
    String what = switch (classification) {
      case Incident.BLOCKED -> "blocked by " + family.label();
      case Incident.TECHNICAL -> "unreachable through technical failures at the " + family.layer() + " layer";
      case Incident.INCONCLUSIVE -> "not reachable, inconclusively, at the " + family.layer() + " layer";
      default -> "blocked by " + family.label() + " in some rounds and failing technically in others";
    };
    StringBuilder b = new StringBuilder();
    b.append(TimeText.list(platforms)).append(' ').append(what).append(' ').append(TimeText.span(start, end));
    b.append(" on ").append(TimeText.list(networks.stream().map(n -> networkName(n.probe())).toList()));
    if (!reachable.isEmpty()) b.append(" while ").append(TimeText.list(reachable)).append(" stayed reachable and ");
    else b.append("; ");
    b.append(controls).append('.');
    return b.toString();
  }

  private static String outageHeadline(List<NetworkSighting> networks, Instant start, Instant end) {
    return "Network outage on " + TimeText.list(networks.stream().map(n -> networkName(n.probe())).toList())
        + ": everything, the controls included, unreachable " + TimeText.span(start, end) + '.';
  }

  public static String networkName(ProbeInfo p) {
    StringBuilder b = new StringBuilder(p.network() == null ? p.id() : p.network());
    if (p.asn() > 0) b.append(" (AS").append(p.asn()).append(')');
    return b.toString();
  }
}
