package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Document;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Text from the data, escaped by {@link MarkdownText} and rendered by a real CommonMark renderer, reads exactly as
 * it was, and no markup survives: hostile page titles and platform names stay text, ordinary text stays readable.
 */
class MarkdownTextTest {
  /** Strings full of what Markdown and HTML give meaning to, among ordinary letters. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> chars = Arbitraries.strings().withChars("*_`[]()<>&#|\\!~-+=.;:/ \n\t\"'{}")
        .withCharRange('a', 'c').withChars("AZ019éЯ中\u00a0\u2028").ofMaxLength(30);
    Arbitrary<String> pieces = Arbitraries.of("<script>", "</title>", "<img src=x onerror=alert(1)>", "<!--", "<?php",
        "&amp;", "&#65;", "&#x41;", "&copy;", "&lt;", "```", "~~~", "~~x~~", "**b**", "_i_", "__", "[a](b)", "![i](x)",
        "<http://x.example>", "http://x.example/a_b", "www.x.example", "# ", "> ", "- ", "1. ", "2) ", "---", "===",
        "    ", "|", "\\", "\\*", "a_b", "connection_refused", "(59 s)", "->", "  \n");
    return Arbitraries.oneOf(chars, pieces).list().ofMaxSize(8).map(l -> String.join("", l));
  }

  /** What a reader should see: the text with control characters as spaces (one value never spans lines). */
  private static String shown(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) b.append(Character.isISOControl(c) ? ' ' : c);
    return b.toString();
  }

  @Property(tries = 2000)
  void inlineTextReadsAsItWasAndCarriesNoMarkup(@ForAll("hostile") String s) {
    Node doc = CommonMark.parse("A" + MarkdownText.inline(s) + "Z\n");
    assertEquals(List.of(), CommonMark.markup(doc), () -> MarkdownText.inline(s));
    assertEquals("A" + shown(s) + "Z", CommonMark.text(doc), () -> MarkdownText.inline(s));
    assertOneParagraph(doc);
  }

  @Property(tries = 2000)
  void aTableCellReadsAsItWasAndStaysOneCell(@ForAll("hostile") String s) {
    Node doc = CommonMark.parse("| h | i |\n|---|---|\n| A" + MarkdownText.cell(s) + "Z | next |\n");
    assertEquals(List.of(), CommonMark.markup(doc).stream().filter(m -> !m.startsWith("Table")).toList(),
        () -> MarkdownText.cell(s));
    Node table = doc.getFirstChild();
    assertEquals(TableBlock.class, table.getClass(), () -> MarkdownText.cell(s));
    Node row = table.getLastChild().getFirstChild();
    assertEquals(TableBody.class, row.getParent().getClass());
    TableCell first = (TableCell) row.getFirstChild();
    assertEquals("A" + shown(s) + "Z", CommonMark.text(first), () -> MarkdownText.cell(s));
    assertEquals("next", CommonMark.text(first.getNext()), () -> MarkdownText.cell(s));
  }

  @Property(tries = 2000)
  void textStartingAQuoteReadsAsItWas(@ForAll("hostile") String s) {
    String expected = shown(s).strip();
    Node doc = CommonMark.parse("> " + MarkdownText.block(s) + "\n");
    assertEquals(List.of(), CommonMark.markup(doc), () -> MarkdownText.block(s));
    Node quote = doc.getFirstChild();
    assertEquals(BlockQuote.class, quote.getClass());
    if (expected.isEmpty()) return;
    assertEquals(Paragraph.class, quote.getFirstChild().getClass(), () -> MarkdownText.block(s));
    assertEquals(null, quote.getFirstChild().getNext(), () -> "one paragraph: " + MarkdownText.block(s));
    assertEquals(expected, CommonMark.text(quote), () -> MarkdownText.block(s));
  }

  @Property(tries = 1000)
  void noRawHtmlSurvivesRendering(@ForAll("hostile") String s) {
    String html = CommonMark.html("A" + MarkdownText.inline(s) + "Z\n\n> " + MarkdownText.block(s) + "\n");
    String withoutOurTags = html.replaceAll("</?(p|blockquote)>", "");
    assertEquals(-1, indexOfTag(withoutOurTags), html);
  }

  private static int indexOfTag(String html) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<[A-Za-z/!?]").matcher(html);
    return m.find() ? m.start() : -1;
  }

  private static void assertOneParagraph(Node doc) {
    assertEquals(Document.class, doc.getClass());
    assertEquals(Paragraph.class, doc.getFirstChild().getClass());
    assertEquals(null, doc.getFirstChild().getNext());
  }

  @Example
  void ordinaryTextIsNotOverEscaped() {
    assertEquals("(59 s)", MarkdownText.inline("(59 s)"));
    assertEquals("connection_refused and kz_blocked_page_ru", MarkdownText.inline("connection_refused and kz_blocked_page_ru"));
    assertEquals("a -> b, 1 < 2, R&D", MarkdownText.inline("a -> b, 1 < 2, R&D"));
    assertEquals("Kcell (AS29355), KZ. 2 of 2 controls reachable!", MarkdownText.inline("Kcell (AS29355), KZ. 2 of 2 controls reachable!"));
    assertEquals("https://dns.control.example/dns-query", MarkdownText.inline("https://dns.control.example/dns-query"));
  }

  @Example
  void whatWouldChangeTheRenderingIsEscaped() {
    assertEquals("\\*Facebook\\*", MarkdownText.inline("*Facebook*"));
    assertEquals("a \\| b", MarkdownText.cell("a | b"));
    assertEquals("a | b", MarkdownText.inline("a | b"));
    assertEquals("\\<script>alert(1)\\</script>", MarkdownText.inline("<script>alert(1)</script>"));
    assertEquals("\\`rm\\`", MarkdownText.inline("`rm`"));
    assertEquals("\\# Title", MarkdownText.block("# Title"));
    assertEquals("# Title", MarkdownText.inline("# Title"));
    assertEquals("2026\\. was a year", MarkdownText.block("2026. was a year"));
    assertEquals("\\_x\\_", MarkdownText.inline("_x_"));
    assertEquals("\\&amp; stays", MarkdownText.inline("&amp; stays"));
    assertEquals("line one line two", MarkdownText.inline("line one\nline two"));
  }
}
