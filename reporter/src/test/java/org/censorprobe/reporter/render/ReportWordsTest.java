package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.read.EvidenceSample;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed history, in every format, reads as a publishable account: no raw key, wire name, enum name or
 * JSON in what a reader sees, counts and nouns agree, and the Markdown source is not over-escaped. The evidence
 * sentence is the one exception, checked apart: it is quoted as the record holds it.
 */
class ReportWordsTest {
  static Stream<String> histories() {
    return Histories.all().keySet().stream();
  }

  private static String render(ReportRenderer renderer, Report report) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(report, out);
    return out.toString();
  }

  /** The visible text of our HTML: no style, no quoted sentences, tags out, entities back to characters. */
  static String visibleHtml(String html) {
    String text = html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<blockquote>.*?</blockquote>", " ")
        .replaceAll("<[^>]+>", " ");
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** What a reader of the rendered Markdown sees outside quotes. */
  static String visibleMarkdown(String md) {
    Node doc = CommonMark.parse(md);
    List<Node> quotes = new ArrayList<>();
    doc.accept(new AbstractVisitor() {
      @Override
      public void visit(BlockQuote q) {
        quotes.add(q);
      }
    });
    quotes.forEach(Node::unlink);
    return CommonMark.text(doc);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void htmlShowsNoRawWords(String name) throws IOException {
    String text = visibleHtml(render(new HtmlRenderer(Fixtures.COLOPHON), Fixtures.report(name)));
    assertEquals(List.of(), RawWords.in(text));
    Grammar.assertCountsAgree(text);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void markdownShowsNoRawWordsAndIsNotOverEscaped(String name) throws IOException {
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), Fixtures.report(name));
    String text = visibleMarkdown(md);
    assertEquals(List.of(), RawWords.in(text));
    Grammar.assertCountsAgree(text);
    assertEquals(List.of(), CommonMark.markup(CommonMark.parse(md)).stream()
        .filter(m -> m.startsWith("Html") || m.startsWith("Image")).toList(), "the data made no HTML or image");
    // the footer's link to the method is the one link: the data made none
    List<String> links = CommonMark.markup(CommonMark.parse(md)).stream().filter(m -> m.startsWith("Link")).toList();
    assertEquals(List.of("Link docs/classification.md"), links);
    for (String overEscaped : List.of("\\(", "\\)", "&gt;", "&lt;", "&amp;", "\\.", "\\:", "\\-", "\\!")) {
      assertTrue(!md.contains(overEscaped), "over-escaped " + overEscaped + " in " + name + ":\n" + around(md, overEscaped));
    }
    Matcher snake = Pattern.compile("\\w\\\\_\\w").matcher(md);
    assertTrue(!snake.find(), () -> "an escaped underscore inside a word: " + around(md, "\\_"));
  }

  @ParameterizedTest
  @MethodSource("histories")
  void jsonProseHasNoRawWords(String name) throws IOException {
    JsonNode json = new ObjectMapper().readTree(render(new JsonRenderer(Fixtures.COLOPHON), Fixtures.report(name)));
    List<String> prose = new ArrayList<>();
    json.get("events").forEach(e -> prose.add(e.get("headline").asText()));
    json.get("incidents").forEach(i -> {
      prose.add(i.get("what").asText());
      i.get("evidence").forEach(s -> s.get("facts").forEach(f -> {
        prose.add(f.get("label").asText());
        prose.add(f.get("text").asText());
      }));
    });
    assertEquals(List.of(), RawWords.in(String.join("\n", prose)));
  }

  @Test
  void theEvidenceSentenceIsQuotedAsTheRecordHoldsIt() throws IOException {
    Report report = Fixtures.report("mixed");
    String md = render(new MarkdownRenderer(Fixtures.COLOPHON), report);
    String html = render(new HtmlRenderer(Fixtures.COLOPHON), report);
    List<String> quoted = new ArrayList<>();
    CommonMark.parse(md).accept(new AbstractVisitor() {
      @Override
      public void visit(BlockQuote q) {
        quoted.add(CommonMark.text(q));
      }
    });
    List<String> sentences = new ArrayList<>();
    for (Incident i : report.incidents()) for (EvidenceSample s : i.evidence()) sentences.add(s.sentence());
    assertEquals(sentences, quoted);
    for (String s : sentences) assertTrue(html.contains("<blockquote>" + HtmlText.esc(s) + "</blockquote>"), s);
  }

  /** Two failing records of the first probe (schema 1, facts untyped): their facts shown in words, not JSON. */
  @Test
  void factsOfRecordsOlderThanTypedFactsReadAsWords() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of(getClass().getResource("/records/schema1-failing.jsonl").toURI());
    for (String line : java.nio.file.Files.readAllLines(file)) {
      EvidenceSample s = org.censorprobe.reporter.read.EvidenceReader.read(
          org.censorprobe.format.json.MeasurementCodec.read(line));
      List<EvidenceText.Row> rows = EvidenceText.rows(s);
      String text = rows.stream().map(r -> r.label() + ": " + r.value()).reduce("", (a, b) -> a + "\n" + b);
      assertEquals(List.of(), RawWords.in(text), text);
      assertTrue(text.contains("Controls: Total 1, ok 0, domestic total 0, domestic ok 0, local network down"), text);
      assertTrue(text.contains("Judged by: the first classifier (before versions were recorded)"), text);
    }
  }

  @Test
  void theCheckFindsWhatReportsUsedToShow() {
    for (String old : List.of("methods seen: tls.sni_filtered ×16", "controls {\"total\":1,\"ok\":1}",
        "retried [\"tcp\",\"http\"]", "missing remote_vantage", "confidence HIGH", "failed (connection_refused)",
        "key sni_swap", "judged by null")) {
      assertTrue(!RawWords.in(old).isEmpty(), old);
    }
  }

  private static String around(String text, String needle) {
    int at = text.indexOf(needle);
    return at < 0 ? "" : text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60));
  }
}
