package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.histories.HistoryWriter;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format ends with what made the report, from what, judged by which classifiers, and where the method is. */
class FooterTest {
  @TempDir Path dir;

  private static String render(ReportRenderer renderer, Report report) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(report, out);
    return out.toString();
  }

  private static Report build(Path store, List<Path> files) {
    return ReportBuilder.build(new MeasurementSources(store, files), RowFilter.ALL, DetectionSettings.DEFAULTS,
        new InputProblems(false));
  }

  @Test
  void oneFileOneClassifier() throws IOException {
    Report report = Fixtures.report("event");
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    String about = md.substring(md.indexOf("## About this report"));
    assertTrue(about.contains("Made by censorprobe reporter 0.1.0-test on 2026-11-21 09:30:15 UTC."), about);
    assertTrue(about.contains("Read 272 measurements in 20 rounds from event.jsonl."), about);
    assertTrue(about.contains("Verdicts by classifier 2.0.0 (2026-12-01) for all 272 measurements."), about);
    assertTrue(about.contains("[docs/classification.md](docs/classification.md)"), "a relative link: " + about);
    assertFalse(md.contains("skipped") || md.contains("Skipped"), "nothing was skipped, so nothing is said");
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    String footer = html.substring(html.indexOf("<footer"));
    assertTrue(footer.contains("Read 272 measurements in 20 rounds from event.jsonl."), footer);
    assertTrue(footer.contains("censorprobe/docs/classification.md"), footer);
    assertFalse(footer.contains("<a "), "no link that would lead nowhere from a saved file");
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), report));
    assertEquals("0.1.0-test", json.get("report").get("version").asText());
    assertEquals("2026-11-21T09:30:15Z", json.get("report").get("generated_at").asText());
    assertEquals("docs/classification.md", json.get("report").get("method").asText());
    assertEquals(272, json.get("input").get("sources").get(0).get("measurements").asLong());
    assertEquals("json_lines", json.get("input").get("sources").get(0).get("kind").asText());
    JsonNode c = json.get("input").get("classifiers");
    assertEquals(1, c.size());
    assertEquals("2.0.0", c.get(0).get("version").asText());
    assertEquals("2026-12-01", c.get(0).get("date").asText());
    assertEquals(272, c.get(0).get("measurements").asLong());
    assertEquals(0, c.get(0).get("rejudged").asLong());
  }

  @Test
  void aStoreSpanningThreeClassifiersSaysWhichJudgedHowManyAndWhichWereRejudged() throws Exception {
    Path db = dir.resolve("censorprobe.db");
    Map<String, List<Measurement>> rounds = new LinkedHashMap<>();
    for (String line : Histories.all().get("event")) {
      Measurement m = MeasurementCodec.read(line);
      rounds.computeIfAbsent(m.roundId(), k -> new ArrayList<>()).add(m);
    }
    try (MeasurementStore store = MeasurementStore.open(db, "censorprobe test")) {
      for (List<Measurement> round : rounds.values()) store.storeRound(round);
    }
    long before = HistoryWriter.round(5).toEpochMilli();
    long rejudgedFrom = HistoryWriter.round(18).toEpochMilli();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      // rounds 0..4 (16 records each) were judged by an older classifier; rounds 18 and 19 (6 each: telegram,
      // the controls and the resolvers) were judged again by a newer one
      assertEquals(5 * 16, s.executeUpdate("UPDATE measurements SET classifier = '1.0.0 (2026-06-01)' WHERE measured_at < "
          + before));
      assertEquals(2 * 6, s.executeUpdate("UPDATE measurements SET classifier = '2.1.0 (2026-12-20)', revision = 1"
          + " WHERE measured_at >= " + rejudgedFrom));
    }
    Report report = build(db, List.of());
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    String about = md.substring(md.indexOf("## About this report"));
    assertTrue(about.contains("Read 272 measurements in 20 rounds from the store censorprobe.db."), about);
    assertTrue(about.contains("Verdicts by classifier 2.1.0 (2026-12-20) for 12 measurements, every one re-judged;"
        + " classifier 2.0.0 (2026-12-01) for 180 measurements; classifier 1.0.0 (2026-06-01) for 80 measurements."
        + " A re-judged measurement was judged again"), about);
    assertFalse(about.contains(dir.toString()), "sources by file name only: " + about);
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), report));
    long sum = 0;
    for (JsonNode c : json.get("input").get("classifiers")) sum += c.get("measurements").asLong();
    assertEquals(json.get("input").get("measurements").asLong(), sum, "every measurement is someone's");
    assertEquals("store", json.get("input").get("sources").get(0).get("kind").asText());
  }

  @Test
  void aStoreOlderThanClassifierVersionsSaysSo() throws Exception {
    Path db = dir.resolve("v1.db");
    try (org.censorprobe.reporter.read.TestStore store = new org.censorprobe.reporter.read.TestStore(db, 1)) {
      store.addAll(Histories.all().get("mixed"));
    }
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), build(db, List.of()));
    assertTrue(md.contains("Read 78 measurements in 13 rounds from the store v1.db."), md);
    assertTrue(md.contains("Verdicts by the first classifier (before versions were recorded) for all 78 measurements."),
        md);
  }

  @Test
  void aRejudgedLineIsCountedAndItsSampleNamesTheEarlierJudgementInWords() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : Histories.all().get("event")) {
      Measurement m = MeasurementCodec.read(line);
      if (m.platform().equals("facebook") && m.judgement().method() != null) {
        Judgement j = m.judgement();
        Judgement old = new Judgement(j.interpretation(), j.platform(), j.round(),
            new ClassifierVersion("1.0.0", LocalDate.of(2026, 6, 1)), j.judgedAt());
        m = new Measurement(m.id(), m.roundId(), m.measuredAt(), m.probe(), m.role(), m.platform(), m.platformName(),
            m.domestic(), m.endpoint(), m.resolverRole(), m.expect(), m.steps(), j, List.of(old));
      }
      lines.add(MeasurementCodec.toJson(m));
    }
    Path file = dir.resolve("rejudged.jsonl");
    Files.write(file, lines);
    Report report = build(null, List.of(file));
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    assertTrue(md.contains("classifier 2.0.0 (2026-12-01) for all 272 measurements, 16 of them re-judged."), md);
    assertTrue(md.contains("| Re-judged | earlier judgement: blocked (SNI filtering), by classifier 1.0.0 (2026-06-01) |"),
        md);
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), report));
    assertEquals("blocked tls.sni_filtered (classifier 1.0.0 (2026-06-01))",
        json.get("incidents").get(0).get("evidence").get(0).get("rejudged_from").asText());
  }

  @Test
  void skippedLinesAreCountedWithTheirReasonsAndNeverAsZero() throws Exception {
    List<String> lines = new ArrayList<>(Histories.all().get("mixed"));
    lines.add(1, "garbage");
    lines.add(3, "{\"schema\": 2}");
    Path file = dir.resolve("m.jsonl");
    Files.write(file, lines);
    Report report = build(null, List.of(file));
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    String about = md.substring(md.indexOf("## About this report"));
    assertTrue(about.contains("Skipped 2 malformed lines or records:\n\n- " + MarkdownText.block(file + ":2: not JSON")),
        about);
    assertTrue(about.contains("- " + MarkdownText.block(file + ":4:")), about);
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    assertTrue(html.contains("<p>Skipped 2 malformed lines or records:</p><ul><li>"), html);
    for (String name : List.of("mixed", "event", "gaps")) {
      for (ReportRenderer r : List.of(new HtmlRenderer(Fixtures.COLOPHON), new MarkdownRenderer(Fixtures.COLOPHON))) {
        assertFalse(render(r, Fixtures.report(name)).contains(" 0 malformed"), name);
      }
    }
  }
}
