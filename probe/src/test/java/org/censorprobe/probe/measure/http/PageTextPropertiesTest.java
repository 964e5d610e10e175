package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The title a page gives is evidence a verdict can quote: reading it without a lower-cased copy of the page, and
 * from the sample when the sample holds the page, must give what the plain reading gives (ASCII-only folding, the
 * first {@code <title>} whose name ends there, whitespace collapsed). Pages are built from pieces of markup that
 * make near-misses common.
 */
class PageTextPropertiesTest {

  @Property(tries = 3000)
  void readsTheTitleThePlainReadingReads(@ForAll("pages") String page) {
    byte[] b = page.getBytes(StandardCharsets.UTF_8);
    String expected = plainReading(page);
    assertEquals(expected, PageText.title(b, b.length, StandardCharsets.UTF_8));
    String sample = PageText.sample(b, b.length, StandardCharsets.UTF_8);
    assertEquals(expected, PageText.title(b, b.length, StandardCharsets.UTF_8, sample));
  }

  @Example
  void onlyAsciiLettersFold() {
    assertNull(plainReading("<t\u0130tle>x</title>"));
    byte[] b = "<t\u0130tle>x</title><TITLE>y</Title>".getBytes(StandardCharsets.UTF_8);
    assertEquals("y", PageText.title(b, b.length, StandardCharsets.UTF_8));
  }

  @Example
  void aTitlePastTheSampleIsReadFromThePage() {
    String title = "<title>late</title>";
    for (int over : new int[] {-1, 0, 1, 5, 100}) { // the page's length past the sample's
      byte[] b = (" ".repeat(PageText.SAMPLE_BYTES - title.length() + over) + title).getBytes(StandardCharsets.UTF_8);
      String sample = PageText.sample(b, b.length, StandardCharsets.UTF_8);
      assertEquals("late", PageText.title(b, b.length, StandardCharsets.UTF_8, sample), "page length sample + " + over);
    }
  }

  @Provide
  Arbitrary<String> pages() {
    Arbitrary<String> piece = Arbitraries.of("<title>", "<TITLE>", "<Title lang=en>", "<titlebar>", "</title>",
        "</TITLE>", "</titl", "<title", ">", "<", "t\u0130tle", " ", "\n\t", "a", "Blocked", "\u00e9", "<t\u0130tle>");
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  /** The reading before it was made cheaper: a folded copy searched with indexOf. */
  private static String plainReading(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char) (chars[i] + ('a' - 'A'));
    }
    String folded = new String(chars);
    int from = 0;
    while (true) {
      int open = folded.indexOf("<title", from);
      if (open < 0) return null;
      int after = open + "<title".length();
      if (after < folded.length() && !(folded.charAt(after) == '>' || folded.charAt(after) == '/'
          || Character.isWhitespace(folded.charAt(after)))) {
        from = after;
        continue;
      }
      int gt = folded.indexOf('>', after);
      if (gt < 0) return null;
      int close = folded.indexOf("</title", gt + 1);
      if (close < 0) return null;
      String collapsed = text.substring(gt + 1, close).replaceAll("\\s+", " ").strip();
      return collapsed.length() > PageText.TITLE_MAX_CHARS ? collapsed.substring(0, PageText.TITLE_MAX_CHARS)
          : collapsed;
    }
  }
}
