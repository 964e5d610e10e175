package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.reporter.read.Status;

/**
 * Groups incidents into events: incidents of one key (a blocking technique, else a layer) whose times overlap (on
 * one probe or several) are one event; network outages group only with network outages. Every incident belongs to
 * exactly one event. The headline names a blocking technique only for blocked incidents and says "everything
 * unreachable" only when nothing answered in every round of it: it never says more than the verdicts under it.
 */
public final class EventGrouper {
  private EventGrouper() {}

  public static List<Event> group(List<Incident> incidents, List<Timeline> timelines) {
    Map<EventKey, List<Incident>> byFamily = new TreeMap<>();
    for (Incident i : incidents) byFamily.computeIfAbsent(i.key(), f -> new ArrayList<>()).add(i);
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
    clusters.sort(Comparator.comparing((List<Incident> c) -> c.get(0).start()).thenComparing(c -> c.get(0).key()));
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
    boolean weak = cluster.stream().anyMatch(i -> i.controls().weakWitness());
    String controls = outage ? "the controls were unreachable" : healthy
        ? (weak ? "the single control was reachable (a weak witness)" : "the controls were healthy")
        : "the controls were not all healthy";
    String headline = outage
        ? outageHeadline(cluster, networks, start, end)
        : platformHeadline(List.copyOf(platforms), classification, cluster, start, end, networks, reachable, controls);
    return new Event(id, outage ? Event.KIND_NETWORK_OUTAGE : Event.KIND_PLATFORMS, first.key(), classification,
        start, end, List.copyOf(platforms), networks, cluster.stream().map(Incident::id).toList(), reachable,
        !outage && healthy, controls, headline);
  }

  /** Platforms of the event's probes with ok rounds and no incident of their own during the event, everywhere. */
  private static List<String> stayedReachable(Set<String> probes, Set<String> eventPlatforms, Instant start,
                                              Instant end, List<Incident> all, List<Timeline> timelines) {
    Instant until = end == null ? Instant.MAX : end;
    Map<String, Boolean> verdict = new LinkedHashMap<>();
    for (Timeline t : timelines) {
      if (!probes.contains(t.probe().id()) || Timeline.NETWORK.equals(t.platform()) || t.resolver()
          || eventPlatforms.contains(t.platformName())) continue;
      boolean sawOk = t.bands().stream().anyMatch(b -> b.status() == Status.OK
          && b.from().isBefore(until) && b.to().isAfter(start));
      boolean hadIncident = all.stream().anyMatch(i -> i.probe().id().equals(t.probe().id())
          && t.platform().equals(i.platform()) && i.start().isBefore(until) && i.endOrMax().isAfter(start));
      verdict.merge(t.platformName(), sawOk && !hadIncident, Boolean::logicalAnd);
    }
    return verdict.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }

  private static String platformHeadline(List<String> platforms, String classification, List<Incident> cluster,
                                         Instant start, Instant end, List<NetworkSighting> networks,
                                         List<String> reachable, String controls) {
    StringBuilder b = new StringBuilder();
    b.append(TimeText.list(platforms)).append(' ').append(what(classification, cluster)).append(' ')
        .append(TimeText.span(start, end));
    b.append(" on ").append(TimeText.list(networks.stream().map(n -> networkName(n.probe())).toList()));
    if (!reachable.isEmpty()) b.append(" while ").append(TimeText.list(reachable)).append(" stayed reachable and ");
    else b.append("; ");
    b.append(controls).append('.');
    return b.toString();
  }

  /** The event's verb phrase, from the classifications and methods of its incidents only. */
  static String what(String classification, List<Incident> cluster) {
    Set<String> techniques = new TreeSet<>();
    Set<String> symptoms = new TreeSet<>();
    for (Incident i : cluster) {
      if (i.method() == null) continue;
      if (i.method().technique() != null && !Incident.INCONCLUSIVE.equals(i.classification())
          && !Incident.TECHNICAL.equals(i.classification())) {
        techniques.add(i.method().technique().label());
      }
      symptoms.add(i.method().symptom());
    }
    String how = String.join(" and ", techniques);
    String seen = symptoms.isEmpty() ? "" : " (" + String.join("; ", symptoms) + ")";
    return switch (classification) {
      case Incident.BLOCKED -> techniques.isEmpty() ? "blocked" : "blocked by " + how;
      case Incident.TECHNICAL -> "unreachable for technical reasons" + seen;
      case Incident.INCONCLUSIVE -> "not reachable" + seen + ", with too little evidence to tell blocking from a failure";
      default -> (techniques.isEmpty() ? "blocked" : "blocked by " + how) + " in some rounds and failing technically"
          + " in others";
    };
  }

  private static String outageHeadline(List<Incident> cluster, List<NetworkSighting> networks, Instant start,
                                       Instant end) {
    String where = TimeText.list(networks.stream().map(n -> networkName(n.probe())).toList());
    boolean allDown = cluster.stream().allMatch(i -> i.controls().all(LocalNetwork.DOWN));
    boolean allCut = cluster.stream().allMatch(i -> i.controls().all(LocalNetwork.GATEWAY_CUT));
    if (allDown) {
      return "Network outage on " + where + ": nothing answered, the controls included, " + TimeText.span(start, end)
          + '.';
    }
    if (allCut) {
      return "International link cut on " + where + ": every international control failed while a domestic one"
          + " answered " + TimeText.span(start, end) + '.';
    }
    return "The probe's own network failed on " + where + " " + TimeText.span(start, end)
        + " (nothing answering in some rounds, the international link cut in others).";
  }

  public static String networkName(ProbeIdentity p) {
    StringBuilder b = new StringBuilder(p.network() == null ? p.id() : p.network());
    if (p.asn() > 0) b.append(" (AS").append(p.asn()).append(')');
    return b.toString();
  }
}
