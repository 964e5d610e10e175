package org.censorprobe.reporter.fleet;

import static org.censorprobe.reporter.histories.HistoryWriter.round;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.reporter.histories.HistoryWriter;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.EventGrouper;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;

/**
 * The fleet view's counting rule for every history: a network is counted blocked only where its own probe has a
 * blocked incident for the platform, and reachable only where its own probe measured the platform ok in every
 * round of the window. Histories are one script per network ({@code o} ok, {@code B} blocked, {@code T} the
 * server down, {@code N} the probe's own network down, {@code _} no round), judged by the real classifier.
 */
class FleetPropertiesTest {
  private static final String[] NAMES = {"Alpha", "Bravo", "Charlie"};

  @Provide
  Arbitrary<List<String>> scripts() {
    Arbitrary<String> script = Arbitraries.of('o', 'o', 'B', 'B', 'B', 'T', 'N', '_').list().ofSize(11)
        .map(cs -> {
          StringBuilder b = new StringBuilder("o");
          for (char c : cs) b.append(c);
          return b.toString();
        });
    return script.list().ofSize(3);
  }

  @Property(tries = 20)
  void blockedAndReachableComeOnlyFromEachNetworksOwnVerdicts(@ForAll("scripts") List<String> scripts)
      throws IOException {
    List<String> lines = new ArrayList<>();
    Method[] methods = {Method.TLS_SNI_FILTERED, Method.DNS_BOGON, Method.HTTP_BLOCKPAGE};
    for (int p = 0; p < scripts.size(); p++) {
      lines.addAll(new HistoryWriter("net-" + p, NAMES[p], 64500 + p).platform("facebook", scripts.get(p), methods[p])
          .lines());
    }
    Path file = Files.createTempFile("fleet-property", ".jsonl");
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      Report r = ReportBuilder.build(new MeasurementSources(null, List.of(file)), RowFilter.ALL,
          DetectionSettings.DEFAULTS, new InputProblems(true));
      FleetView f = r.fleet();
      assertTrue(f != null, "three probes make a fleet");
      Statistics.label("kinds").collect(f.events().stream().flatMap(e -> e.platforms().stream())
          .flatMap(p -> p.networks().stream()).map(s -> s.kind().label()).distinct().sorted().toList().toString());
      for (FleetEvent e : f.events()) {
        String blockedPart = e.headline().split(";", 2)[0];
        for (FleetEvent.PlatformStances ps : e.platforms()) {
          for (NetworkStance s : ps.networks()) {
            int p = Integer.parseInt(s.network().id().substring(4));
            String script = scripts.get(p);
            String name = EventGrouper.networkName(s.network());
            if (s.kind() == NetworkStance.Kind.BLOCKED) {
              assertFalse(s.incidentIds().isEmpty(), e.headline());
              for (String id : s.incidentIds()) {
                Incident i = r.incidents().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                assertTrue(i.probe().id().equals(s.network().id()) && i.classification().equals(Incident.BLOCKED),
                    id + " of " + e.headline());
              }
              assertTrue(script.indexOf('B') >= 0, script + " never blocked, yet: " + e.headline());
            } else {
              assertFalse(blockedPart.contains(name), name + " (" + script + ") is " + s.kind() + ", yet: "
                  + e.headline());
            }
            if (s.kind() == NetworkStance.Kind.REACHABLE) {
              boolean sawOk = false;
              for (int k = 0; k < script.length(); k++) {
                if (round(k).isBefore(s.from()) || !round(k).isBefore(s.to())) continue;
                char c = script.charAt(k);
                assertTrue(c == 'o' || c == '_', name + " counted reachable with '" + c + "' at round " + k
                    + " of " + script + ": " + e.headline());
                sawOk |= c == 'o';
              }
              assertTrue(sawOk, name + " counted reachable without an ok round: " + e.headline());
              assertTrue(e.headline().contains("reachable on") && e.headline().contains(name), e.headline());
            }
          }
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
