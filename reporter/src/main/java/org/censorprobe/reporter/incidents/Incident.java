package org.censorprobe.reporter.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.reporter.read.ProbeInfo;

/**
 * A stretch in which a platform (or, for {@link #KIND_NETWORK_OUTAGE}, the probe's whole network) was not ok on
 * one probe. {@code end} is the first round of the closing ok run, null while ongoing; {@code lastSeen} the last
 * round seen. {@code split} counts failing rounds by verdict; {@code noData} the gaps inside it.
 */
public record Incident(String id, String kind, ProbeInfo probe, String platform, String platformName,
                       Instant start, Instant end, Instant lastSeen, String classification,
                       Map<String, Integer> split, int failingRounds, int okRoundsInside, int networkRoundsInside,
                       List<Count> endpoints, List<Count> methods, MethodFamily family, String confidence,
                       ControlsDuring controls, List<NoDataSpan> noData, int noDataSpans,
                       List<EvidenceSample> evidence) {
  public static final String KIND_PLATFORM = "platform";
  public static final String KIND_NETWORK_OUTAGE = "network_outage";
  public static final String BLOCKED = "blocked";
  public static final String TECHNICAL = "technical";
  public static final String MIXED = "mixed";
  public static final String INCONCLUSIVE = "inconclusive";

  public Incident {
    split = Map.copyOf(split);
    endpoints = List.copyOf(endpoints);
    methods = List.copyOf(methods);
    noData = List.copyOf(noData);
    evidence = List.copyOf(evidence);
  }

  public boolean ongoing() {
    return end == null;
  }

  /** Until the end, or for an ongoing incident until the last round seen. */
  public Duration duration() {
    return Duration.between(start, end == null ? lastSeen : end);
  }

  public boolean spansGap() {
    return noDataSpans > 0;
  }

  /** The end for overlap tests: an ongoing incident lasts forever. */
  public Instant endOrMax() {
    return end == null ? Instant.MAX : end;
  }

  Incident withId(String newId) {
    return new Incident(newId, kind, probe, platform, platformName, start, end, lastSeen, classification, split,
        failingRounds, okRoundsInside, networkRoundsInside, endpoints, methods, family, confidence, controls, noData,
        noDataSpans, evidence);
  }
}
