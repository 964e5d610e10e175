package org.censorprobe.reporter.incidents;

import org.censorprobe.reporter.read.InputSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.ProbeRound;
import org.censorprobe.reporter.read.Round;

/**
 * Consumes rounds in time order and keeps only what the report needs: per platform and probe a track (gaps,
 * incidents, timeline), per probe its network. Memory grows with incidents and bands, not with rounds.
 */
public final class HistoryAnalyzer implements Consumer<ProbeRound> {
  private final DetectionSettings settings;
  private final Map<String, PlatformTrack> platforms = new LinkedHashMap<>();
  private final Map<String, Map<String, PlatformTrack>> byProbe = new HashMap<>();
  private final Map<String, OutageTrack> networks = new LinkedHashMap<>();
  private final Map<String, ProbeIdentity> probes = new LinkedHashMap<>();
  private long rounds;
  private long firstAt = Long.MAX_VALUE;
  private long lastAt = Long.MIN_VALUE;

  public HistoryAnalyzer(DetectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void accept(ProbeRound round) {
    rounds++;
    firstAt = Math.min(firstAt, round.measuredAtMs());
    lastAt = Math.max(lastAt, round.measuredAtMs());
    probes.putIfAbsent(round.probe().id(), round.probe());
    networks.computeIfAbsent(round.probe().id(), p -> new OutageTrack(round.probe(), settings)).round(round);
    for (Round r : round.platforms()) track(round, r);
    for (Round r : round.resolvers()) track(round, r);
  }

  private void track(ProbeRound round, Round r) {
    // per probe, then per platform: no key to build for each of a million platform rounds
    Map<String, PlatformTrack> tracks = byProbe.computeIfAbsent(r.probe(), k -> new HashMap<>());
    PlatformTrack t = tracks.get(r.platform());
    if (t == null) {
      t = new PlatformTrack(round.probe(), r, settings);
      tracks.put(r.platform(), t);
      platforms.put(r.probe() + '\u0000' + r.platform(), t);
    }
    t.round(r);
  }

  /**
   * The report. {@code from}/{@code to} are the period asked for; null means the data's first/last round.
   */
  public Findings finish(Instant from, Instant to, InputSummary input) {
    Instant periodFrom = from != null ? from : rounds == 0 ? null : Instant.ofEpochMilli(firstAt);
    Instant periodTo = to != null ? to : rounds == 0 ? periodFrom : Instant.ofEpochMilli(lastAt);
    if (periodFrom == null) periodFrom = periodTo;
    List<Incident> found = new ArrayList<>();
    List<Timeline> timelines = new ArrayList<>();
    for (OutageTrack t : networks.values()) {
      found.addAll(t.incidents());
      timelines.add(t.timeline(periodTo));
    }
    List<Timeline> platformTimelines = new ArrayList<>();
    for (PlatformTrack t : platforms.values()) {
      found.addAll(t.incidents());
      platformTimelines.add(t.timeline(periodTo));
    }
    platformTimelines.sort(Comparator.comparing((Timeline t) -> t.probe().id()).thenComparing(Timeline::platformName));
    timelines.addAll(platformTimelines);
    timelines.sort(Comparator.comparing((Timeline t) -> t.probe().id()));
    found.sort(Comparator.comparing(Incident::start).thenComparing(i -> i.probe().id()).thenComparing(Incident::platform));
    List<Incident> incidents = new ArrayList<>(found.size());
    for (Incident i : found) incidents.add(i.withId("I" + (incidents.size() + 1)));
    List<Event> events = EventGrouper.group(incidents, timelines);
    var summary = new InputSummary(input.measurements(), rounds, input.skipped(), input.problems(),
        input.sources(), input.classifiers());
    return new Findings(periodFrom, periodTo, List.copyOf(probes.values()), events, incidents, timelines, settings,
        summary);
  }
}
