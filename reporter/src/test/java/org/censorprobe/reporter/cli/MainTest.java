package org.censorprobe.reporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.read.StoreReader;
import org.censorprobe.reporter.read.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  /** "now" is two hours after the histories start. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);

  private int run(String... args) {
    return Main.run(args, clock, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void markdownGoesToStdoutByDefault() {
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--format", "md"));
    assertTrue(out.toString().startsWith("# Reachability report"), out.toString());
  }

  @Test
  void jsonFromSeveralFilesWithFilters() throws Exception {
    Path json = dir.resolve("r.json");
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--input", Fixtures.history("probes").toString(),
        "--platform", "facebook", "--probe", "beeline-1", "--format", "json", "--out", json.toString()), err.toString());
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(1, report.get("incidents").size());
    assertEquals("beeline-1", report.get("incidents").get(0).get("probe").get("id").asText());
  }

  @Test
  void relativeAndIsoTimes() throws Exception {
    Path json = dir.resolve("r.json");
    // 90m before 08:00 is 06:30: facebook's incident (06:15..06:55) is cut to start at 06:30
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--from", "90m", "--to", "2026-11-20T07:00:00Z",
        "--platform", "facebook", "--format", "json", "--out", json.toString()), err.toString());
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals("2026-11-20T06:30:00Z", report.get("period").get("from").asText());
    assertEquals("2026-11-20T06:30:00Z", report.get("incidents").get(0).get("start").asText());
  }

  @Test
  void fromAloneRunsToNowEvenWithoutDataInThePeriod() throws Exception {
    Path html = dir.resolve("r.html");
    // the history ends at 07:35; the last 10 minutes before 08:00 hold nothing
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--from", "10m", "--out", html.toString()),
        err.toString());
    assertTrue(Files.readString(html).contains("2026-11-20 07:50 to 2026-11-20 08:00 UTC"));
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--from", "24h", "--format", "json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals("2026-11-20T08:00:00Z", report.get("period").get("to").asText());
    assertEquals(5, report.get("incidents").size());
  }

  @Test
  void htmlToAFileAndThresholdOptions() throws Exception {
    Path html = dir.resolve("r.html");
    assertEquals(0, run("--input", Fixtures.history("thresholds").toString(), "--open-after", "3", "--gap", "1h",
        "--out", html.toString()));
    String text = Files.readString(html);
    assertTrue(text.startsWith("<!DOCTYPE html>"));
    assertEquals(1, text.split("<article class=\"incident\"", -1).length - 1);
  }

  @Test
  void aMalformedLineIsSkippedAndNamedUnlessStrict() throws Exception {
    List<String> lines = new ArrayList<>(Histories.all().get("mixed"));
    lines.add(1, "garbage");
    Path file = dir.resolve("m.jsonl");
    Files.write(file, lines);
    assertEquals(0, run("--input", file.toString(), "--format", "json"));
    assertTrue(err.toString().contains(file + ":2: not JSON"), err.toString());
    assertTrue(err.toString().contains("1 malformed line/record skipped"), err.toString());
    assertEquals(1, new ObjectMapper().readTree(out.toString()).get("input").get("skipped").asInt());
    assertEquals(Main.EXIT_INPUT, run("--input", file.toString(), "--format", "json", "--strict"));
    assertTrue(err.toString().contains(file + ":2: not JSON"), err.toString());
  }

  @Test
  void aNewerStoreIsAnInputError() throws Exception {
    Path db = dir.resolve("censorprobe.db");
    new TestStore(db, StoreReader.SCHEMA_VERSION + 1).close();
    assertEquals(Main.EXIT_INPUT, run("--store", db.toString(), "--format", "md"));
    assertTrue(err.toString().contains("censorprobe.db: store schema version " + (StoreReader.SCHEMA_VERSION + 1)
        + " is newer"), err.toString());
  }

  @Test
  void usageErrors() {
    assertEquals(2, run("--format", "md"));
    assertTrue(err.toString().contains("--store FILE and/or --input"), err.toString());
    assertEquals(2, run("--input", "x.jsonl", "--from", "yesterday"));
    assertTrue(err.toString().contains("'yesterday' is not a time"), err.toString());
    assertEquals(2, run("--input", "x.jsonl", "--format", "pdf"));
  }

  @Test
  void noReadableLineIsAFailureAndWritesNoReport() throws Exception {
    Path garbage = dir.resolve("garbage.jsonl");
    Files.writeString(garbage, "not json\n{\"also\": \"not a measurement\"}\n");
    Path html = dir.resolve("r.html");
    assertEquals(Main.EXIT_INPUT, run("--input", garbage.toString(), "--out", html.toString()));
    assertTrue(err.toString().contains("no measurement could be read from the input (every line or record was "
        + "malformed); no report written"), err.toString());
    assertTrue(!Files.exists(html), "no report file");
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "");
    assertEquals(Main.EXIT_INPUT, run("--input", empty.toString(), "--format", "md"));
    assertEquals("", out.toString());
    assertTrue(err.toString().contains("(it is empty); no report written"), err.toString());
  }

  @Test
  void versionComesFromTheManifestAndIsDevFromClasses() {
    assertEquals(0, run("--version"));
    assertEquals("censorprobe reporter dev", out.toString().strip());
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertEquals(Main.EXIT_USAGE, run());
    assertTrue(err.toString().contains("Usage: reporter"), err.toString());
  }

  @Test
  void everyOptionSaysItsDefaultInHelp() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("Exit codes: 0 done, 1 failed"), out::toString);
    var spec = new picocli.CommandLine(new Main(clock, new PrintWriter(out), new PrintWriter(err))).getCommandSpec();
    for (var option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) continue;
      String description = String.join(" ", option.description());
      assertTrue(description.contains("default"), option.longestName() + ": " + description);
      assertTrue(option.typeInfo().isBoolean() || !option.paramLabel().startsWith("<"),
          option.longestName() + " shows a field name: " + option.paramLabel());
    }
  }

  @Test
  void gapAndAgesTakeTheDurationGrammar() throws Exception {
    Path json = dir.resolve("r.json");
    assertEquals(0, run("--input", Fixtures.history("event").toString(), "--from", "1h30m", "--gap", "1h30m",
        "--format", "json", "--out", json.toString()), err.toString());
    assertEquals("2026-11-20T06:30:00Z", new ObjectMapper().readTree(json.toFile()).get("period").get("from").asText());
    assertEquals(2, run("--input", "x.jsonl", "--gap", "1.5h"));
    assertTrue(err.toString().contains("'1.5h' is not a duration"), err.toString());
  }
}
