package org.censorprobe.probe.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.store.PlatformRound;

/**
 * What {@code /} shows: who the probe is, the config's state, the latest measurement of every endpoint, the latest
 * round of every platform, and every platform's rounds of the last 24 hours. The history is read from the store
 * once at start ({@link #seed}) and then grows with each round after it was committed, so it holds exactly what
 * the store holds, without reading the store on every page view. Pages render from an immutable {@link Snapshot}.
 */
public final class StatusBoard {
  /** How far back the history strip goes. */
  public static final Duration HISTORY = Duration.ofHours(24);
  /**
   * Rounds kept per platform at most: a day at a 30 s schedule. Bounds memory under a faster one, where the strip
   * then covers less than a day (its caption says since when).
   */
  static final int MAX_BEATS = 3_000;

  /** One endpoint's latest state. {@code method} null for a plain ok. */
  public record EndpointStatus(String platform, String platformName, String endpoint, Role role, Verdict verdict,
                               Method method, Confidence confidence, String evidence, Instant measuredAt) {}

  /** One platform's latest round (its roll-up). */
  public record PlatformStatus(String platform, String platformName, Verdict verdict, Method method,
                               Confidence confidence, String evidence, Instant roundAt) {}

  /** One platform's roll-up in one round: a mark of the history strip (kept small: a day of them is held). */
  public record Beat(Instant at, Verdict verdict, Method method) {}

  /** A reload that was refused: when, and each problem as {@code FILE:LINE: what}. */
  public record Refusal(Instant at, List<String> problems) {
    public Refusal {
      problems = List.copyOf(problems);
    }
  }

  /** The controls of the latest round that had any. */
  public record Controls(int total, int ok, LocalNetwork localNetwork) {}

  /** Everything a page shows, copied at one moment. */
  public record Snapshot(ProbeIdentity probe, String configFile, Instant configLoadedAt, Refusal refusal,
                         Instant lastRound, Controls controls, List<PlatformStatus> platforms,
                         List<EndpointStatus> endpoints, Map<String, List<Beat>> history) {}

  private ProbeIdentity probe = new ProbeIdentity("", "", "", 0);
  private String configFile;
  /** Platform ids in the config's order: rows keep their place as verdicts change. */
  private List<String> order = List.of();
  private Instant configLoadedAt;
  private Refusal refusal;
  private Instant lastRound;
  private Controls controls;
  private final Map<List<String>, EndpointStatus> endpoints = new HashMap<>();
  private final Map<String, PlatformStatus> platforms = new HashMap<>();
  /** By platform id; each oldest first. */
  private final Map<String, Deque<Beat>> history = new HashMap<>();

  synchronized void record(List<Measurement> round, LocalNetwork localNetwork) {
    Instant latest = null;
    Map<String, Beat> beats = new LinkedHashMap<>();
    for (Measurement m : round) {
      if (m.role() == Role.RESOLVER || m.judgement() == null) continue;
      Interpretation c = m.judgement().interpretation();
      endpoints.put(List.of(m.platform(), m.endpoint()), new EndpointStatus(m.platform(), m.platformName(),
          m.endpoint(), m.role(), c.verdict(), c.method(), c.confidence(), c.evidence(), m.measuredAt()));
      if (m.judgement().platform() != null) {
        Interpretation pv = m.judgement().platform().interpretation();
        PlatformStatus before = platforms.get(m.platform());
        if (before == null || !m.measuredAt().isBefore(before.roundAt())) {
          platforms.put(m.platform(), new PlatformStatus(m.platform(), m.platformName(), pv.verdict(), pv.method(),
              pv.confidence(), pv.evidence(), m.measuredAt()));
        }
        Beat b = beats.get(m.platform());
        if (b == null || m.measuredAt().isBefore(b.at())) {
          beats.put(m.platform(), new Beat(m.measuredAt(), pv.verdict(), pv.method()));
        }
      }
      RoundContext r = m.judgement().round();
      if (r != null && r.controlsTotal() > 0 && localNetwork != null) {
        controls = new Controls(r.controlsTotal(), r.controlsOk(), localNetwork);
      }
      if (latest == null || m.measuredAt().isAfter(latest)) latest = m.measuredAt();
    }
    beats.forEach(this::append);
    if (latest != null && (lastRound == null || latest.isAfter(lastRound))) lastRound = latest;
  }

  /** The stored history, oldest first, before the first round of this process (replaces any history held). */
  public synchronized void seed(List<PlatformRound> stored) {
    history.clear();
    for (PlatformRound r : stored) append(r.platform(), new Beat(r.at(), r.verdict(), r.method()));
  }

  private void append(String platform, Beat beat) {
    Deque<Beat> d = history.computeIfAbsent(platform, k -> new ArrayDeque<>());
    d.addLast(beat);
    Instant cutoff = beat.at().minus(HISTORY);
    while (!d.isEmpty() && (d.size() > MAX_BEATS || d.peekFirst().at().isBefore(cutoff))) d.removeFirst();
  }

  /** The running config: who the probe is and where its config came from. */
  synchronized void config(ProbeIdentity probe, String configFile, List<String> platformOrder) {
    this.probe = probe;
    this.configFile = configFile;
    this.order = List.copyOf(platformOrder);
  }

  synchronized void configLoaded(Instant at) {
    configLoadedAt = at;
    refusal = null;
  }

  synchronized void configRefused(Instant at, List<String> problems) {
    refusal = new Refusal(at, problems);
  }

  /** Forgets endpoints and platforms a reload removed. */
  synchronized void retain(Set<List<String>> keptEndpoints, Set<String> keptPlatforms) {
    endpoints.keySet().removeIf(k -> !keptEndpoints.contains(k));
    platforms.keySet().removeIf(p -> !keptPlatforms.contains(p));
    history.keySet().removeIf(p -> !keptPlatforms.contains(p));
  }

  public synchronized Snapshot snapshot() {
    // The config's order (ids it does not name last, by id), then the controls.
    Comparator<String> byConfig = Comparator.comparing((String id) -> order.contains(id) ? order.indexOf(id)
        : Integer.MAX_VALUE).thenComparing(Comparator.naturalOrder());
    List<EndpointStatus> es = new ArrayList<>(endpoints.values());
    es.sort(Comparator.comparing((EndpointStatus e) -> e.role() == Role.CONTROL)
        .thenComparing(EndpointStatus::platform, byConfig).thenComparing(EndpointStatus::endpoint));
    List<PlatformStatus> ps = new ArrayList<>(platforms.values());
    ps.sort(Comparator.comparing(PlatformStatus::platform, byConfig));
    Map<String, List<Beat>> h = new LinkedHashMap<>();
    history.keySet().stream().sorted().forEach(p -> h.put(p, List.copyOf(history.get(p))));
    return new Snapshot(probe, configFile, configLoadedAt, refusal, lastRound, controls, List.copyOf(ps),
        List.copyOf(es), Collections.unmodifiableMap(h));
  }

  public List<EndpointStatus> endpoints() {
    return snapshot().endpoints();
  }

  public List<PlatformStatus> platforms() {
    return snapshot().platforms();
  }

  public synchronized Instant lastRound() {
    return lastRound;
  }
}
