package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.incidents.ControlsDuring;
import org.censorprobe.reporter.incidents.Count;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.EventKey;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.NoDataSpan;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.read.ClassifierTally;
import org.censorprobe.reporter.read.SourceSummary;

/** Singular and plural agree with the count in every sentence a report builds from numbers, for every count. */
class PluralTest {
  @Property
  void aCountAndItsNounAgree(@ForAll @LongRange(min = 0, max = 1_000_000) long n) {
    String s = Plural.count(n, "control");
    assertEquals(n == 1 ? "1 control" : n + " controls", s);
    Grammar.assertCountsAgree(Plural.every(n, "control") + "; " + s);
  }

  @Example
  void everyOneOfThem() {
    assertEquals("the control", Plural.every(1, "control"));
    assertEquals("both controls", Plural.every(2, "control"));
    assertEquals("all 3 controls", Plural.every(3, "control"));
    assertEquals("no controls", Plural.every(0, "control"));
  }

  @Example
  void theCheckCatchesWhatReportsUsedToSay() {
    for (String wrong : List.of("healthy: all 1 controls were reachable", "in 1 rounds", "as few as 0 of 1 controls",
        "0 malformed line skipped", "spans 1 gap(s)")) {
      org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Grammar.assertCountsAgree(wrong), wrong);
    }
  }

  @Provide
  Arbitrary<ControlsDuring> controls() {
    Arbitrary<Map<LocalNetwork, Integer>> byNetwork = Arbitraries.maps(Arbitraries.of(LocalNetwork.class),
        Arbitraries.integers().between(1, 30)).ofMaxSize(3).map(m -> m.isEmpty() ? m : new EnumMap<>(m));
    return net.jqwik.api.Combinators.combine(byNetwork, Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 3)).as((net, total, ok, domestic) -> {
          int rounds = net.values().stream().mapToInt(Integer::intValue).sum();
          return new ControlsDuring(rounds, net, Math.min(ok, total), total, 0, domestic);
        });
  }

  @Property(tries = 2000)
  void theControlsSummaryAgreesWithItsCounts(@ForAll("controls") ControlsDuring c) {
    Grammar.assertCountsAgree(c.summary());
  }

  @Property(tries = 1000)
  void anIncidentsRoundsAndGapsAgreeWithTheirCounts(@ForAll @IntRange(min = 0, max = 40) int blocked,
      @ForAll @IntRange(min = 0, max = 40) int technical, @ForAll @IntRange(min = 0, max = 40) int inconclusive,
      @ForAll @IntRange(min = 0, max = 5) int okInside, @ForAll @IntRange(min = 0, max = 5) int network,
      @ForAll @IntRange(min = 0, max = 3) int gaps, @ForAll @IntRange(min = 1, max = 3) int endpointRounds) {
    Instant t = Instant.parse("2026-11-20T06:00:00Z");
    List<NoDataSpan> spans = new ArrayList<>();
    for (int i = 0; i < gaps; i++) spans.add(new NoDataSpan(t.plusSeconds(600L * i), t.plusSeconds(600L * i + 300)));
    Incident i = new Incident("I1", Incident.KIND_PLATFORM, new ProbeIdentity("p", "KZ", "Net", 1), "x", "X", t,
        t.plus(Duration.ofHours(1)), t, Incident.BLOCKED,
        Map.of(Incident.BLOCKED, blocked, Incident.TECHNICAL, technical, Incident.INCONCLUSIVE, inconclusive),
        blocked + technical + inconclusive, okInside, network, List.of(new Count("https://x/", endpointRounds)),
        List.of(new Count(Method.TLS_RESET.wire(), endpointRounds)), Method.TLS_RESET, EventKey.of(Method.TLS_RESET),
        Confidence.HIGH, new ControlsDuring(0, Map.of(), 0, 0, 0, 0), spans, gaps, List.of());
    Grammar.assertCountsAgree(IncidentText.rounds(i));
    Grammar.assertCountsAgree(IncidentText.endpoints(i, 20) + "; " + IncidentText.methods(i, 20));
    if (gaps > 0) Grammar.assertCountsAgree(IncidentText.noData(i));
  }

  @Property(tries = 1000)
  void theFooterAgreesWithItsCounts(@ForAll @LongRange(min = 0, max = 3) long measurements,
      @ForAll @LongRange(min = 0, max = 3) long rounds, @ForAll @LongRange(min = 0, max = 3) long skipped,
      @ForAll @IntRange(min = 1, max = 3) int openAfter, @ForAll @IntRange(min = 1, max = 3) int closeAfter,
      @ForAll @LongRange(min = 0, max = 3) long rejudged, @ForAll @IntRange(min = 1, max = 3) int classifiers) {
    List<ClassifierTally.Count> counts = new ArrayList<>();
    for (int k = 0; k < classifiers; k++) {
      counts.add(new ClassifierTally.Count(k == 0 ? null : new ClassifierVersion(k + ".0", null), measurements + k,
          Math.min(rejudged, measurements + k)));
    }
    List<String> problems = new ArrayList<>();
    for (long k = 0; k < Math.min(skipped, 2); k++) problems.add("f.jsonl:" + (k + 1) + ": not JSON");
    Report r = new Report(null, null, List.of(), List.of(), List.of(), List.of(),
        new DetectionSettings(openAfter, closeAfter, null), new org.censorprobe.reporter.read.InputSummary(measurements, rounds, skipped,
        problems, List.of(new SourceSummary(SourceSummary.Kind.STORE, "a.db", measurements),
            new SourceSummary(SourceSummary.Kind.JSON_LINES, "b.jsonl", rounds)), counts));
    Footer f = Footer.of(r, new Colophon("1", Instant.EPOCH));
    Grammar.assertCountsAgree(String.join(" ", f.made(), f.input(), f.skipped() == null ? "" : f.skipped(),
        f.classifiers(), f.rules()));
  }
}
