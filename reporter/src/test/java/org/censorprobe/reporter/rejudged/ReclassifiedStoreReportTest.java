package org.censorprobe.reporter.rejudged;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.censorprobe.probe.cli.Main;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13's end to end: the store the first landing's probe wrote in the lab with one extra resolver dropped
 * (probe's store/README.md) reports seven platforms blocked; after {@code probe reclassify} the same store reports
 * none, and what remains is the dropped resolver, as its own subject.
 */
class ReclassifiedStoreReportTest {
  @TempDir Path dir;

  static Report report(Path store) {
    return ReportBuilder.build(new MeasurementSources(store, List.of()), RowFilter.ALL, DetectionSettings.DEFAULTS,
        new InputProblems(true));
  }

  static Set<String> blockedPlatforms(Report r) {
    return r.incidents().stream().filter(i -> i.classification().equals(Incident.BLOCKED))
        .map(Incident::platform).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  @DisplayName("before: seven platforms blocked; after reclassify: none, and the dropped resolver is its own subject")
  void theReportChanges() throws Exception {
    Path store = dir.resolve("v1.db");
    try (InputStream in = Main.class.getResourceAsStream("/store/v1-lab-extra-resolver-dropped.db")) {
      Files.copy(in, store);
    }
    Report before = report(store);
    assertEquals(Set.of("facebook", "youtube", "telegram", "instagram", "tiktok", "vk", "twitter"),
        blockedPlatforms(before), "the false verdicts of issue 11, as the old probe stored them");

    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: lab-client}
        classifier: {throttle_rounds: 1}
        platforms:
          facebook: {endpoints: [ "https://www.facebook.com/" ]}
        """);
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("reclassify", "--store", store.toString(), "--config", config.toString()), out::toString);

    Report after = report(store);
    assertEquals(Set.of(), blockedPlatforms(after), "no platform blocked once re-judged");
    assertTrue(after.incidents().stream().noneMatch(i -> i.classification().equals(Incident.BLOCKED)),
        "nothing at all blocked: " + after.incidents());
    assertTrue(after.incidents().stream().anyMatch(i -> i.platform().equals("resolver udp://198.19.53.61:53")),
        "the dropped resolver is reported as itself: " + after.incidents().stream().map(Incident::platform).toList());
  }
}
