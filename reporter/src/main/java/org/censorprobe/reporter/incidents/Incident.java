package org.censorprobe.reporter.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.format.record.ProbeIdentity;

/**
 * A stretch in which a platform (or, for {@link #KIND_NETWORK_OUTAGE}, the probe's whole network) was not ok on
 * one probe. {@code end} is the first round of the closing ok run, null while ongoing; {@code lastSeen} the last
 * round seen. {@code split} counts failing rounds by verdict; {@code noData} the gaps inside it. {@code method} is
 * the method most of its failing rounds had (null when none had one), {@code key} what it is grouped by.
 */
public record Incident(String id, String kind, ProbeIdentity probe, String platform, String platformName,
                       Instant start, Instant end, Instant lastSeen, String classification,
                       Map<String, Integer> split, int failingRounds, int okRoundsInside, int networkRoundsInside,
                       List<Count> endpoints, List<Count> methods, Method method, EventKey key, Confidence confidence,
                       ControlsDuring controls, List<NoDataSpan> noData, int noDataSpans,
                       List<EvidenceSample> evidence) {
  public static final String KIND_PLATFORM = "platform";
  public static final String KIND_NETWORK_OUTAGE = "network_outage";
  public static final String BLOCKED = "blocked";
  public static final String TECHNICAL = "technical";
  public static final String MIXED = "mixed";
  public static final String INCONCLUSIVE = "inconclusive";

  public Incident {
    // in the builder's order (blocked, technical, inconclusive), which the JSON report shows: Map.copyOf's
    // iteration order changes from one JVM run to the next, and so did the report
    split = Collections.unmodifiableMap(new LinkedHashMap<>(split));
    endpoints = List.copyOf(endpoints);
    methods = List.copyOf(methods);
    noData = List.copyOf(noData);
    evidence = List.copyOf(evidence);
  }

  /**
   * What the incident is, in words that claim no more than its verdicts: a blocking technique only for a blocked
   * incident, otherwise what was seen ("TCP connections refused").
   */
  public String what() {
    if (KIND_NETWORK_OUTAGE.equals(kind)) return controls.all(org.censorprobe.format.interpret.LocalNetwork.GATEWAY_CUT)
        ? "the international link cut" : "the probe's own network down";
    if (method == null) return "not reachable";
    return switch (classification) {
      case BLOCKED -> method.describe(org.censorprobe.format.interpret.Verdict.BLOCKED);
      case MIXED -> method.describe(org.censorprobe.format.interpret.Verdict.BLOCKED) + " in some rounds, "
          + "technical failures in others";
      default -> method.symptom();
    };
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
        failingRounds, okRoundsInside, networkRoundsInside, endpoints, methods, method, key, confidence, controls, noData,
        noDataSpans, evidence);
  }
}
