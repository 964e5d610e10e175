package org.censorprobe.reporter.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.incidents.Band;
import org.censorprobe.reporter.incidents.ControlsDuring;
import org.censorprobe.reporter.incidents.EventGrouper;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.incidents.Findings;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.Status;

/**
 * Builds the fleet view from a finished report and the rounds it was built from. It decides nothing anew: a
 * network is blocked where its probe's incident is {@code blocked}, reachable where its probe measured the
 * platform ok in every round of the same window, and otherwise named for what it was (no data, its own network
 * failing, failures too few or too mixed to be called) and counted on neither side.
 */
public final class FleetBuilder {
  /** Columns of the matrix: a picture of fixed size whatever the period. */
  public static final int COLUMNS = 48;

  private final Findings report;
  private final FleetRounds rounds;
  private final List<ProbeIdentity> networks;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Timeline> timelines = new HashMap<>();

  private FleetBuilder(Findings report, FleetRounds rounds) {
    this.report = report;
    this.rounds = rounds;
    this.networks = report.probes().stream().sorted(Comparator.comparing(ProbeIdentity::id)).toList();
    Map<String, Integer> seen = new HashMap<>();
    for (ProbeIdentity p : networks) seen.merge(EventGrouper.networkName(p), 1, Integer::sum);
    for (ProbeIdentity p : networks) {
      String n = EventGrouper.networkName(p);
      // two probes on one network (two cities of one ISP) are told apart by their ids
      names.put(p.id(), seen.get(n) > 1 ? n + " [" + p.id() + "]" : n);
    }
    for (Timeline t : report.timelines()) timelines.put(t.probe().id() + '\u0000' + t.platform(), t);
  }

  /** The fleet view, or null when the report holds fewer than two probes (there is nothing to compare). */
  public static FleetView build(Findings report, FleetRounds rounds) {
    if (report.probes().size() < 2 || report.from() == null) return null;
    FleetBuilder b = new FleetBuilder(report, rounds);
    List<Instant> bounds = b.bounds();
    return new FleetView(b.networks, bounds, b.matrix(bounds), b.events());
  }

  /** A network as the fleet view names it: "Kcell (AS29355)", with the probe id when two share a name. */
  public static String name(FleetView view, ProbeIdentity p) {
    long same = view.networks().stream().filter(n -> EventGrouper.networkName(n).equals(EventGrouper.networkName(p)))
        .count();
    return same > 1 ? EventGrouper.networkName(p) + " [" + p.id() + "]" : EventGrouper.networkName(p);
  }

  private List<Instant> bounds() {
    long start = report.from().toEpochMilli();
    long span = Math.max(1, report.to().toEpochMilli() - start);
    List<Instant> out = new ArrayList<>();
    for (int c = 0; c <= COLUMNS; c++) out.add(Instant.ofEpochMilli(start + span * c / COLUMNS));
    return out;
  }

  // ---- the matrix

  private List<FleetView.MatrixRow> matrix(List<Instant> bounds) {
    Map<String, String> platforms = new TreeMap<>();
    for (Timeline t : report.timelines()) {
      if (Timeline.NETWORK.equals(t.platform()) || t.resolver()) continue;
      platforms.putIfAbsent(t.platform(), t.platformName());
    }
    List<FleetView.MatrixRow> rows = new ArrayList<>();
    for (var p : platforms.entrySet()) {
      List<FleetView.MatrixCell> cells = new ArrayList<>();
      for (ProbeIdentity n : networks) {
        Timeline t = timelines.get(n.id() + '\u0000' + p.getKey());
        Timeline net = timelines.get(n.id() + '\u0000' + Timeline.NETWORK);
        FleetState[] cols = columns(t == null ? List.of() : t.bands(), net == null ? List.of() : net.bands());
        FleetRounds.Tally tally = rounds.tally(n.id(), p.getKey(), report.from().toEpochMilli(),
            Long.MAX_VALUE);
        cells.add(new FleetView.MatrixCell(n, t != null, Arrays.asList(cols), tally.counts()));
      }
      rows.add(new FleetView.MatrixRow(p.getKey(), p.getValue(), cells));
    }
    rows.sort(Comparator.comparing(FleetView.MatrixRow::platformName).thenComparing(FleetView.MatrixRow::platform));
    return rows;
  }

  /**
   * Each column gets the most severe status of the bands in it, so a blocking shorter than a column still shows;
   * where the probe's own network was down (its network timeline is technical) a column that is not blocked says
   * its controls failed, since what the probe saw of the platform then says nothing about the platform.
   */
  private FleetState[] columns(List<Band> platform, List<Band> network) {
    FleetState[] out = new FleetState[COLUMNS];
    Status[] p = severest(platform);
    Status[] n = severest(network);
    for (int c = 0; c < COLUMNS; c++) {
      out[c] = n[c] == Status.TECHNICAL && p[c] != Status.BLOCKED && p[c] != Status.OK ? FleetState.CONTROLS_FAILED
          : FleetState.of(p[c]);
    }
    return out;
  }

  private Status[] severest(List<Band> bands) {
    Status[] out = new Status[COLUMNS];
    Arrays.fill(out, Status.NO_DATA);
    long start = report.from().toEpochMilli();
    long span = Math.max(1, report.to().toEpochMilli() - start);
    for (Band b : bands) {
      int first = (int) Math.floor((b.from().toEpochMilli() - start) * (double) COLUMNS / span);
      int last = (int) Math.ceil((b.to().toEpochMilli() - start) * (double) COLUMNS / span) - 1;
      last = Math.max(first, last);
      for (int c = Math.max(0, first); c <= Math.min(COLUMNS - 1, last); c++) {
        if (b.status().severity() > out[c].severity()) out[c] = b.status();
      }
    }
    return out;
  }

  // ---- the events

  private static boolean blockedPlatformIncident(Incident i) {
    return Incident.KIND_PLATFORM.equals(i.kind()) && Incident.BLOCKED.equals(i.classification())
        && !i.platform().startsWith(org.censorprobe.reporter.read.RoundAssembler.RESOLVER_PREFIX);
  }

  /** Blocked incidents of any platform on any network that overlap in time, one event each. */
  private List<FleetEvent> events() {
    List<Incident> blocked = report.incidents().stream().filter(FleetBuilder::blockedPlatformIncident)
        .sorted(Comparator.comparing(Incident::start).thenComparing(i -> i.probe().id()).thenComparing(Incident::platform))
        .toList();
    List<List<Incident>> clusters = new ArrayList<>();
    List<Incident> cluster = new ArrayList<>();
    Instant clusterEnd = null;
    for (Incident i : blocked) {
      if (!cluster.isEmpty() && i.start().isAfter(clusterEnd)) {
        clusters.add(cluster);
        cluster = new ArrayList<>();
      }
      clusterEnd = cluster.isEmpty() || i.endOrMax().isAfter(clusterEnd) ? i.endOrMax() : clusterEnd;
      cluster.add(i);
    }
    if (!cluster.isEmpty()) clusters.add(cluster);
    List<FleetEvent> events = new ArrayList<>();
    for (List<Incident> c : clusters) events.add(event("F" + (events.size() + 1), c));
    return events;
  }

  private FleetEvent event(String id, List<Incident> cluster) {
    Map<String, List<Incident>> byPlatform = new TreeMap<>();
    for (Incident i : cluster) byPlatform.computeIfAbsent(i.platform(), k -> new ArrayList<>()).add(i);
    List<FleetEvent.PlatformStances> platforms = new ArrayList<>();
    Instant start = null;
    Instant end = Instant.MIN;
    for (List<Incident> incidents : byPlatform.values()) {
      FleetEvent.PlatformStances p = platform(incidents);
      platforms.add(p);
      if (start == null || p.from().isBefore(start)) start = p.from();
      if (end != null) end = p.to() == null ? null : p.to().isAfter(end) ? p.to() : end;
    }
    platforms.sort(Comparator.comparing(FleetEvent.PlatformStances::platformName));
    return new FleetEvent(id, start, end, platforms, cluster.stream().map(Incident::id).toList(), headline(platforms));
  }

  private FleetEvent.PlatformStances platform(List<Incident> incidents) {
    Instant from = incidents.stream().map(Incident::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant to = incidents.stream().anyMatch(Incident::ongoing) ? null
        : incidents.stream().map(Incident::end).max(Comparator.naturalOrder()).orElseThrow();
    Instant windowEnd = to != null ? to : report.to();
    String platform = incidents.get(0).platform();
    List<NetworkStance> stances = new ArrayList<>();
    for (ProbeIdentity n : networks) {
      List<Incident> own = incidents.stream().filter(i -> i.probe().id().equals(n.id())).toList();
      stances.add(own.isEmpty() ? observed(n, platform, from, windowEnd) : blocked(n, own));
    }
    return new FleetEvent.PlatformStances(platform, incidents.get(0).platformName(), from, to, stances);
  }

  private NetworkStance blocked(ProbeIdentity n, List<Incident> own) {
    Instant from = own.stream().map(Incident::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant to = own.stream().anyMatch(Incident::ongoing) ? null
        : own.stream().map(Incident::end).max(Comparator.naturalOrder()).orElseThrow();
    Set<String> hows = new LinkedHashSet<>();
    for (Incident i : own) hows.add(how(i.method()));
    int failing = own.stream().mapToInt(Incident::failingRounds).sum();
    int ok = own.stream().mapToInt(Incident::okRoundsInside).sum();
    Duration noData = Duration.ZERO;
    for (Incident i : own) for (var g : i.noData()) noData = noData.plus(Duration.between(g.from(), g.to()));
    return new NetworkStance(n, NetworkStance.Kind.BLOCKED, from, to, "blocked" + String.join(" and ", hows),
        merge(own.stream().map(Incident::controls).toList()), ok, failing, noData,
        own.stream().map(Incident::id).toList());
  }

  /** " by SNI filtering": the technique of a blocked incident's method, in the words Method.describe gives it. */
  static String how(Method m) {
    if (m == null) return "";
    return m.technique() != null ? " by " + m.describe(org.censorprobe.format.interpret.Verdict.BLOCKED)
        : " (" + m.symptom() + ")";
  }

  /** What a network that did not block the platform measured of it in [from, to). */
  private NetworkStance observed(ProbeIdentity n, String platform, Instant from, Instant to) {
    FleetRounds.Tally tally = rounds.tally(n.id(), platform, from, to);
    ControlsDuring controls = rounds.controlsDuring(n.id(), from, to);
    Timeline t = timelines.get(n.id() + '\u0000' + platform);
    Duration noData = noData(t, from, to);
    int ok = tally.of(Status.OK);
    int failing = tally.rounds() - ok;
    List<Incident> overlapping = report.incidents().stream().filter(i -> i.probe().id().equals(n.id())
        && platform.equals(i.platform()) && i.start().isBefore(to) && i.endOrMax().isAfter(from)).toList();
    List<String> ids = overlapping.stream().map(Incident::id).toList();
    if (tally.rounds() == 0) {
      return new NetworkStance(n, NetworkStance.Kind.NO_DATA, from, to, t == null ? "not measured by this probe"
          : "no data", controls, 0, 0, noData, ids);
    }
    boolean ownNetworkFailed = tally.networkWide() > 0 || controls.localNetwork().keySet().stream()
        .anyMatch(l -> l == LocalNetwork.DOWN || l == LocalNetwork.GATEWAY_CUT);
    if (failing > 0 && ownNetworkFailed) {
      return new NetworkStance(n, NetworkStance.Kind.CONTROLS_FAILED, from, to,
          "its own network failed (its controls did)", controls, ok, failing, noData, ids);
    }
    if (failing == 0) {
      return new NetworkStance(n, NetworkStance.Kind.REACHABLE, from, to, "reachable", controls, ok, 0, noData, ids);
    }
    String what;
    if (!overlapping.isEmpty()) {
      Set<String> whats = new LinkedHashSet<>();
      for (Incident i : overlapping) whats.add(i.what() + " (" + i.classification() + ")");
      what = String.join("; ", whats);
    } else {
      what = failing + " of " + Plural.count(tally.rounds(), "round") + " not ok (" + split(tally)
          + "): too few to open an incident";
    }
    return new NetworkStance(n, NetworkStance.Kind.NOT_COUNTED, from, to, what, controls, ok, failing, noData, ids);
  }

  private static String split(FleetRounds.Tally t) {
    List<String> parts = new ArrayList<>();
    for (Status s : List.of(Status.BLOCKED, Status.TECHNICAL, Status.INCONCLUSIVE)) {
      if (t.of(s) > 0) parts.add(t.of(s) + " " + s.label());
    }
    return String.join(", ", parts);
  }

  /** How much of [from, to) the platform's timeline has no round for. */
  private Duration noData(Timeline t, Instant from, Instant to) {
    long window = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    if (t == null) return Duration.ofMillis(window);
    long covered = 0;
    for (Band b : t.bands()) {
      if (b.status() == Status.NO_DATA) continue;
      long a = Math.max(b.from().toEpochMilli(), from.toEpochMilli());
      long z = Math.min(b.to().toEpochMilli(), to.toEpochMilli());
      if (z > a) covered += z - a;
    }
    return Duration.ofMillis(Math.max(0, window - covered));
  }

  /** Several incidents' controls as one: rounds and verdicts added up, the fewest controls that answered. */
  static ControlsDuring merge(List<ControlsDuring> all) {
    if (all.size() == 1) return all.get(0);
    int rounds = 0;
    Map<LocalNetwork, Integer> counts = new EnumMap<>(LocalNetwork.class);
    int minOk = Integer.MAX_VALUE;
    int total = 0;
    int minDomestic = Integer.MAX_VALUE;
    int domestic = 0;
    for (ControlsDuring c : all) {
      if (c.rounds() == 0) continue;
      rounds += c.rounds();
      c.localNetwork().forEach((k, v) -> counts.merge(k, v, Integer::sum));
      minOk = Math.min(minOk, c.minControlsOk());
      total = Math.max(total, c.controlsTotal());
      minDomestic = Math.min(minDomestic, c.minDomesticOk());
      domestic = Math.max(domestic, c.domesticTotal());
    }
    return new ControlsDuring(rounds, counts, rounds == 0 ? 0 : minOk, total, rounds == 0 ? 0 : minDomestic, domestic);
  }

  // ---- words

  /**
   * One sentence per group of platforms whose networks stood the same way: "Facebook and YouTube blocked on A
   * and B by SNI filtering from .. to ..; reachable on C at the same time; no data from D; the controls were
   * healthy on A, B and C."
   */
  private String headline(List<FleetEvent.PlatformStances> platforms) {
    Map<String, List<FleetEvent.PlatformStances>> groups = new LinkedHashMap<>();
    for (FleetEvent.PlatformStances p : platforms) groups.computeIfAbsent(signature(p), k -> new ArrayList<>()).add(p);
    List<String> sentences = new ArrayList<>();
    for (List<FleetEvent.PlatformStances> group : groups.values()) sentences.add(sentence(group));
    return String.join(" ", sentences);
  }

  private String signature(FleetEvent.PlatformStances p) {
    StringBuilder b = new StringBuilder();
    for (NetworkStance s : p.networks()) {
      b.append(s.network().id()).append('=').append(s.kind());
      if (s.kind() == NetworkStance.Kind.BLOCKED) b.append(s.what()).append(TimeText.span(s.from(), s.to()));
      if (s.kind() == NetworkStance.Kind.NOT_COUNTED) b.append(s.what());
      if (s.kind() != NetworkStance.Kind.NO_DATA) b.append(s.controls().healthy());
      b.append(!s.noData().isZero()).append(';');
    }
    return b.toString();
  }

  private String sentence(List<FleetEvent.PlatformStances> group) {
    List<NetworkStance> stances = group.get(0).networks();
    StringBuilder b = new StringBuilder(TimeText.list(group.stream().map(FleetEvent.PlatformStances::platformName)
        .toList()));
    // blocked networks grouped by how and when
    Map<String, List<String>> blocked = new LinkedHashMap<>();
    for (NetworkStance s : stances) {
      if (s.kind() != NetworkStance.Kind.BLOCKED) continue;
      String how = s.what().substring("blocked".length());
      blocked.computeIfAbsent(how + '\u0000' + TimeText.span(s.from(), s.to()), k -> new ArrayList<>())
          .add(names.get(s.network().id()));
    }
    b.append(" blocked ");
    List<String> parts = new ArrayList<>();
    for (var e : blocked.entrySet()) {
      String[] howWhen = e.getKey().split("\u0000", 2);
      parts.add("on " + TimeText.list(e.getValue()) + howWhen[0] + " " + howWhen[1]);
    }
    b.append(String.join(" and ", parts));
    List<String> reachable = new ArrayList<>();
    List<String> noData = new ArrayList<>();
    List<String> notCounted = new ArrayList<>();
    for (NetworkStance s : stances) {
      String n = names.get(s.network().id());
      switch (s.kind()) {
        case REACHABLE -> reachable.add(s.noData().isZero() ? n : n + " (in every round measured; no data for "
            + TimeText.duration(s.noData()) + " of it)");
        case NO_DATA -> noData.add(n);
        case CONTROLS_FAILED -> notCounted.add(n + ": not counted, " + s.what());
        case NOT_COUNTED -> notCounted.add(n + ": not counted, " + s.what());
        case BLOCKED -> { }
      }
    }
    if (!reachable.isEmpty()) b.append("; reachable on ").append(TimeText.list(reachable)).append(" at the same time");
    if (!noData.isEmpty()) b.append("; no data from ").append(TimeText.list(noData));
    for (String n : notCounted) b.append("; ").append(n);
    b.append("; ").append(controls(stances)).append('.');
    return b.toString();
  }

  /** The counted networks' controls: healthy on which, not on which. */
  private String controls(List<NetworkStance> stances) {
    List<String> healthy = new ArrayList<>();
    List<String> not = new ArrayList<>();
    for (NetworkStance s : stances) {
      if (s.kind() != NetworkStance.Kind.BLOCKED && s.kind() != NetworkStance.Kind.REACHABLE) continue;
      (s.controls().healthy() ? healthy : not).add(names.get(s.network().id()));
    }
    if (not.isEmpty()) return "the controls were healthy on " + (healthy.size() == 1 ? healthy.get(0)
        : Plural.every(healthy.size(), "network"));
    if (healthy.isEmpty()) return "the controls were not healthy on " + TimeText.list(not);
    return "the controls were healthy on " + TimeText.list(healthy) + ", not on " + TimeText.list(not);
  }
}
