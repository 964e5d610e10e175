package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.reporter.read.EndpointResult;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.Status;

/**
 * Accumulates one incident (or a candidate that may become one) round by round, in bounded memory: counts, at
 * most {@link #MAX_SAMPLES} evidence samples (the first of each endpoint and method), {@link #MAX_NAMES} names.
 */
final class IncidentBuilder {
  static final int MAX_SAMPLES = 5;
  static final int MAX_NAMES = 100;
  static final int MAX_GAPS = 50;

  private final String kind;
  private final ProbeIdentity probe;
  private final String platform;
  private final String platformName;
  private long start = Long.MIN_VALUE;
  private long lastSeen;
  private final Map<Status, Integer> split = new HashMap<>();
  private int failingRounds;
  private int okRoundsInside;
  private int networkRoundsInside;
  private final Map<String, Integer> endpoints = new LinkedHashMap<>();
  private final Map<String, Integer> methods = new LinkedHashMap<>();
  private final Map<Method, Integer> roundMethods = new LinkedHashMap<>();
  private final Map<Confidence, Integer> confidences = new HashMap<>();
  private final Map<LocalNetwork, Integer> localNetwork = new HashMap<>();
  private int controlRounds;
  private int minControlsOk = Integer.MAX_VALUE;
  private int controlsTotal;
  private int minDomesticOk = Integer.MAX_VALUE;
  private int domesticTotal;
  private final List<NoDataSpan> gaps = new ArrayList<>();
  private int gapCount;
  private final List<EvidenceSample> samples = new ArrayList<>();
  private final Set<String> sampled = new HashSet<>();

  IncidentBuilder(String kind, ProbeIdentity probe, String platform, String platformName) {
    this.kind = kind;
    this.probe = probe;
    this.platform = platform;
    this.platformName = platformName;
  }

  void failing(long at, Status status, Method method, Confidence confidence, RoundContext controls,
               List<EndpointResult> results) {
    if (start == Long.MIN_VALUE) start = at;
    lastSeen = at;
    failingRounds++;
    split.merge(status, 1, Integer::sum);
    if (method != null) roundMethods.merge(method, 1, Integer::sum);
    if (confidence != null) confidences.merge(confidence, 1, Integer::sum);
    if (controls != null) {
      controlRounds++;
      localNetwork.merge(controls.localNetwork(), 1, Integer::sum);
      minControlsOk = Math.min(minControlsOk, controls.controlsOk());
      controlsTotal = Math.max(controlsTotal, controls.controlsTotal());
      minDomesticOk = Math.min(minDomesticOk, controls.domesticOk());
      domesticTotal = Math.max(domesticTotal, controls.domesticTotal());
    }
    for (EndpointResult r : results) {
      if (r.status() == Status.OK) continue;
      bump(endpoints, r.endpoint() == null ? "(unnamed)" : r.endpoint());
      bump(methods, r.method() == null ? "(none)" : r.method().wire());
      String key = r.endpoint() + '\u0000' + r.method();
      if (samples.size() < MAX_SAMPLES && sampled.add(key)) {
        EvidenceSample sample = r.evidence().get();
        if (sample != null) samples.add(sample);
      }
    }
  }

  /** Ok rounds that were followed by failing ones again: flaps inside the incident. */
  void flaps(int okRounds) {
    okRoundsInside += okRounds;
  }

  void networkInside(long at) {
    networkRoundsInside++;
    lastSeen = at;
  }

  void gap(long from, long to) {
    gapCount++;
    if (gaps.size() < MAX_GAPS) gaps.add(new NoDataSpan(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
  }

  private static void bump(Map<String, Integer> counts, String name) {
    if (counts.containsKey(name) || counts.size() < MAX_NAMES) counts.merge(name, 1, Integer::sum);
  }

  Incident build(Long endMs) {
    int blocked = split.getOrDefault(Status.BLOCKED, 0);
    int technical = split.getOrDefault(Status.TECHNICAL, 0);
    String classification = blocked > 0 && technical > 0 ? Incident.MIXED
        : blocked > 0 ? Incident.BLOCKED : technical > 0 ? Incident.TECHNICAL : Incident.INCONCLUSIVE;
    Map<String, Integer> splitOut = new LinkedHashMap<>();
    splitOut.put(Incident.BLOCKED, blocked);
    splitOut.put(Incident.TECHNICAL, technical);
    splitOut.put(Incident.INCONCLUSIVE, split.getOrDefault(Status.INCONCLUSIVE, 0));
    Method method = mostFrequent(roundMethods);
    EventKey key = Incident.KIND_NETWORK_OUTAGE.equals(kind) ? EventKey.NETWORK : EventKey.of(method);
    ControlsDuring controls = new ControlsDuring(controlRounds, localNetwork,
        controlRounds == 0 ? 0 : minControlsOk, controlsTotal, controlRounds == 0 ? 0 : minDomesticOk, domesticTotal);
    return new Incident(null, kind, probe, platform, platformName, Instant.ofEpochMilli(start),
        endMs == null ? null : Instant.ofEpochMilli(endMs), Instant.ofEpochMilli(lastSeen), classification,
        splitOut, failingRounds, okRoundsInside, networkRoundsInside, counts(endpoints), counts(methods), method, key,
        confidence(), controls, gaps, gapCount, samples);
  }

  /** The confidence most failing rounds had; on a tie the lower one, since a false "blocked" is the worst error. */
  private Confidence confidence() {
    Confidence best = Confidence.LOW;
    int bestCount = -1;
    for (Confidence c : List.of(Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)) {
      int n = confidences.getOrDefault(c, 0);
      if (n > bestCount) {
        best = c;
        bestCount = n;
      }
    }
    return bestCount == 0 ? Confidence.LOW : best;
  }

  /** The method most failing rounds had (ties: the first in the taxonomy's order); null when none had one. */
  private static Method mostFrequent(Map<Method, Integer> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.<Method, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey).orElse(null);
  }

  private static List<Count> counts(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new Count(e.getKey(), e.getValue())).toList();
  }
}
