package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageTextTest {
  static String title(String html) {
    byte[] b = html.getBytes(StandardCharsets.UTF_8);
    return PageText.title(b, b.length, StandardCharsets.UTF_8);
  }

  @Test
  void skipsTagsThatOnlyStartLikeTitle() {
    assertEquals("real", title("<titlebar>x</titlebar><title lang=en>real</title>"));
  }

  @Test
  void unclosedTitleIsNoTitle() {
    assertNull(title("<title>never closed " + "x".repeat(1000)));
    assertNull(title("<html>no title</html>"));
  }

  @Test
  void longTitleIsBounded() {
    assertEquals(PageText.TITLE_MAX_CHARS, title("<title>" + "t".repeat(10_000) + "</title>").length());
  }

  @Test
  void titleBeyondTheScanWindowIsNotLookedFor() {
    assertNull(title(" ".repeat(PageText.TITLE_SCAN_BYTES) + "<title>late</title>"));
  }

  @Test
  void unknownCharsetFallsBackToUtf8() {
    byte[] b = "<title>é</title>".getBytes(StandardCharsets.UTF_8);
    assertEquals(StandardCharsets.UTF_8, PageText.charset("text/html; charset=no-such-charset", b, b.length));
  }
}
