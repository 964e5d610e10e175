package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.report.Report;
import org.junit.jupiter.api.Test;

class RenderersTest {
  private static String render(ReportRenderer renderer, Report report) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(report, out);
    return out.toString();
  }

  @Test
  void htmlEscapesHostileTitlesAndLoadsNothing() throws IOException {
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), Fixtures.report("event"));
    assertFalse(html.contains("<script"), "a blockpage title must not become markup");
    assertFalse(html.contains("<img"));
    assertTrue(html.contains("&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("Доступ ограничен"));
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external asset");
    assertFalse(html.contains("<link"));
    assertTrue(html.contains("<meta name=\"viewport\""));
    assertTrue(html.contains("@media print"));
  }

  @Test
  void hostileNamesAndNetworksAreEscapedEverywhere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.util.List<String> lines = org.censorprobe.reporter.histories.Histories.all().get("event").stream()
        .map(l -> l.replace("\"platform_name\":\"Facebook\"", "\"platform_name\":\"<svg onload=alert(1)>&amp;\"")
            .replace("\"network\":\"Kcell\"", "\"network\":\"</title><b>net</b>\""))
        .toList();
    java.nio.file.Path file = dir.resolve("hostile.jsonl");
    java.nio.file.Files.write(file, lines);
    Report report = org.censorprobe.reporter.report.ReportBuilder.build(
        new org.censorprobe.reporter.read.MeasurementSources(null, java.util.List.of(file)),
        org.censorprobe.reporter.read.RowFilter.ALL, org.censorprobe.reporter.incidents.DetectionSettings.DEFAULTS,
        new org.censorprobe.reporter.read.InputProblems(true));
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    assertFalse(html.contains("<svg onload"));
    assertFalse(html.contains("<b>net"));
    assertTrue(html.contains("&lt;svg onload=alert(1)&gt;&amp;amp;"));
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    org.commonmark.node.Node doc = CommonMark.parse(md);
    String rendered = CommonMark.html(md);
    assertFalse(rendered.contains("<svg onload") || rendered.contains("<b>net"), rendered);
    assertEquals(List.of(), CommonMark.markup(doc).stream().filter(m -> m.startsWith("Html")).toList());
    assertTrue(CommonMark.text(doc).contains("<svg onload=alert(1)>&amp;"), "the name reads as it was");
  }

  @Test
  void htmlHasEventsTimelineBandsIncidentTableAndEvidence() throws IOException {
    Report report = Fixtures.report("gaps");
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    assertTrue(html.contains("id=\"events\""));
    assertEquals(report.incidents().size(), count(html, "<article class=\"incident\""));
    assertTrue(count(html, "class=\"band b-blocked\"") >= 2);
    assertTrue(count(html, "class=\"band b-no-data\"") >= 3, "gaps are drawn as no data");
    assertTrue(html.contains("<title>Youtube: no data from 2026-11-20 06:50 to 07:10 UTC</title>"), "hover text of the gap");
    assertTrue(html.contains("this incident spans 1 gap in the data"), html);
  }

  @Test
  void markdownHasTheSameContentAndEscapesTheData() throws IOException {
    Report report = Fixtures.report("event");
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    assertTrue(md.contains("## Events"));
    assertTrue(md.contains("Facebook, Youtube and Instagram blocked by SNI filtering"));
    String rendered = CommonMark.html(md);
    assertFalse(rendered.contains("<script"), "the blockpage title stays text");
    assertTrue(CommonMark.text(CommonMark.parse(md)).contains("</title><script>alert('x')</script>"));
    assertTrue(md.contains("```text"));
    Matcher fb = Pattern.compile("Facebook +\\|([^|]*)\\|").matcher(md);
    assertTrue(fb.find(), md);
    assertTrue(fb.group(1).contains("#") && fb.group(1).contains("."), "blocked and ok columns: " + fb.group(1));
    assertEquals(report.incidents().size(), count(md, "\n### I"));
  }

  @Test
  void jsonHoldsIncidentsAndEventsAsData() throws IOException {
    Report report = Fixtures.report("event");
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), report));
    assertEquals(1, json.get("schema").asInt());
    assertEquals(5, json.get("incidents").size());
    JsonNode e1 = json.get("events").get(0);
    assertEquals("sni_filtering", e1.get("key").asText());
    assertEquals("blocked", e1.get("classification").asText());
    assertEquals("2026-11-20T06:15:00Z", e1.get("start").asText());
    assertEquals("2026-11-20T07:00:00Z", e1.get("end").asText());
    assertEquals("[\"I1\",\"I2\",\"I3\"]", e1.get("incidents").toString());
    JsonNode i1 = json.get("incidents").get(0);
    assertEquals("facebook", i1.get("platform").asText());
    assertEquals(8, i1.get("split").get("blocked").asInt());
    assertEquals(List.of("blocked", "technical", "inconclusive"), iterable(i1.get("split").fieldNames()));
    assertEquals(29355, i1.get("probe").get("asn").asInt());
    assertEquals(true, i1.get("controls").get("healthy").asBoolean());
    JsonNode swap = null;
    for (JsonNode f : i1.get("evidence").get(0).get("facts")) if (f.get("key").asText().equals("sni_swap")) swap = f;
    assertEquals("SNI swap", swap.get("label").asText());
    assertTrue(swap.get("text").asText().contains("completed a handshake for the neutral name example.org"),
        swap.toString());
    assertEquals("SNI filtering", i1.get("what").asText());
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
    return n;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
