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
import java.util.List;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet view in the three formats (histories/fleet.jsonl: five networks), with the report's own footer. */
class FleetRenderTest {
  private final Report report = Fixtures.report("fleet");

  private static String render(ReportRenderer renderer, Report r) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(r, out);
    return out.toString();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }

  @Test
  void htmlShowsTheEventsAcrossNetworksAndTheMatrixAsPictures() throws IOException {
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    assertTrue(html.indexOf("id=\"fleet\"") < html.indexOf("id=\"events\""), "the fleet before the per-probe events");
    assertTrue(html.contains("<h2>Fleet: 5 networks</h2>"));
    assertTrue(html.contains("reachable on Kcell (AS29355) at the same time"));
    assertEquals(3 * 5, count(html, "<svg class=\"strip\""), "one strip per platform and network");
    assertTrue(html.contains("class=\"b-controls-failed\""), "Tele2's own network down");
    assertTrue(html.contains("<td class=\"stance-blocked\">blocked</td>"));
    assertTrue(html.contains("<td class=\"stance-reachable\">reachable</td>"));
    assertFalse(html.contains("id=\"arrival\""), "files say nothing of when data arrived: only the central store knows");
    assertTrue(html.contains("content=\"" + HtmlRenderer.CSP + "\""), "the fleet's page forbids itself scripts too");
    assertTrue(html.indexOf("id=\"fleet\"") < html.indexOf("<footer id=\"about\""), "the footer last");
  }

  @Test
  void markdownHasTheSentenceEachNetworksStanceAndTheMatrixTable() throws IOException {
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    assertTrue(md.contains("## Fleet: 5 networks"));
    // MarkdownText leaves parentheses alone: the source reads as the rendered text does
    assertTrue(md.contains("Facebook and Youtube blocked on Beeline (AS21299) by DNS tampering"), md);
    assertTrue(md.contains("  - Facebook on Kcell (AS29355): reachable, ok in all 8 rounds; controls healthy"), md);
    assertTrue(md.contains("| platform | Altel (AS50482) | Beeline (AS21299) | Kazakhtelecom (AS9198) |"), md);
    assertTrue(md.contains("| Facebook | `"), md);
    assertTrue(md.indexOf("## Fleet") < md.indexOf("## Events") && md.indexOf("## Events") < md.indexOf("## About"));

    // What a reader of the published Markdown sees: the matrix is a table with a column per network, and the
    // sentences carry no markup of their own.
    String rendered = CommonMark.html(md);
    assertTrue(rendered.contains("<th>Kazakhtelecom (AS9198)</th>"), rendered);
    assertTrue(rendered.contains("<th>Tele2 (AS48503)</th>"), rendered);
    Node tree = CommonMark.parse(md.substring(md.indexOf("## Fleet"), md.indexOf("## Events")));
    for (String m : CommonMark.markup(tree)) {
      assertTrue(m.equals("StrongEmphasis") || m.startsWith("Code ") || m.equals("TableBlock")
          || m.startsWith("Table"), "only the report's own markup in the fleet section: " + m);
    }
  }

  @Test
  void jsonCarriesTheFleetAndNoArrivalForFiles() throws IOException {
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), report));
    assertTrue(json.get("arrival").isNull());
    assertEquals(5, json.get("fleet").get("networks").size());
    assertEquals(49, json.get("fleet").get("columns").size());
    assertEquals("blocked", json.get("fleet").get("events").get(0).get("platforms").get(0).get("networks").get(1)
        .get("stance").asText());
    assertEquals(1, json.get("input").get("sources").size());
    assertEquals("json_lines", json.get("input").get("sources").get(0).get("kind").asText());
    assertEquals(json.get("input").get("measurements").asLong(),
        json.get("input").get("sources").get(0).get("measurements").asLong());
    assertTrue(new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), Fixtures.report("event")))
        .get("fleet").isNull(), "one probe: no fleet view");
  }

  @Test
  void hostileNetworkNamesAreEscapedInTheFleetView(@TempDir Path dir) throws IOException {
    String script = "</td><script>x()</script>";
    String markup = "`| **b** [l](javascript:x)";
    List<String> lines = Histories.all().get("fleet").stream()
        .map(l -> l.replace("\"network\":\"Kcell\"", "\"network\":\"" + script + "\"")
            .replace("\"network\":\"Beeline\"", "\"network\":\"" + markup + "\""))
        .toList();
    Path file = dir.resolve("hostile.jsonl");
    Files.write(file, lines);
    Report r = ReportBuilder.build(new MeasurementSources(null, List.of(file)), RowFilter.ALL,
        DetectionSettings.DEFAULTS, new InputProblems(true));
    assertTrue(r.fleet() != null && r.fleet().networks().size() == 5);

    String html = render(new HtmlRenderer(Fixtures.COLOPHON), r);
    assertFalse(html.contains("<script>x()"));
    assertTrue(html.contains("&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt; (AS29355)"), "shown as text");

    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), r);
    String fleet = md.substring(md.indexOf("## Fleet"), md.indexOf("## Events"));
    Node tree = CommonMark.parse(fleet);
    for (String m : CommonMark.markup(tree)) {
      assertFalse(m.startsWith("Html") || m.startsWith("Link") || m.startsWith("Image") || m.equals("Emphasis"),
          "no markup from the data: " + m);
    }
    String seen = CommonMark.text(tree);
    assertTrue(seen.contains(script + " (AS29355)"), "the reader sees the name as it is: " + seen);
    assertTrue(seen.contains(markup + " (AS21299)"), "the reader sees the name as it is: " + seen);
    // one header cell per network and the platform column, whatever the names hold
    String header = fleet.lines().filter(l -> l.startsWith("| platform |")).findFirst().orElseThrow();
    assertTrue(CommonMark.html(header + "\n|---|---|---|---|---|---|\n").contains("<th>"
        + markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + " (AS21299)</th>"), header);
  }
}
