package org.censorprobe.probe.measure.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;

/** The human-readable parts of a body: its title and a text sample, for blockpage fingerprints and evidence. */
final class PageText {
  static final int SAMPLE_BYTES = 4 * 1024;
  /** Blockpages put their title near the top; scanning further buys nothing and costs time on hostile input. */
  static final int TITLE_SCAN_BYTES = 64 * 1024;
  static final int TITLE_MAX_CHARS = 256;

  private PageText() {}

  /** The Content-Type charset when it names one this JVM has, else UTF-8 (what most pages and blockpages use). */
  static Charset charset(String contentType) {
    if (contentType == null) return StandardCharsets.UTF_8;
    try {
      MediaType type = MediaType.parse(contentType);
      Charset c = type == null ? null : type.charset(null);
      return c == null ? StandardCharsets.UTF_8 : c;
    } catch (RuntimeException unsupported) {
      return StandardCharsets.UTF_8;
    }
  }

  static String sample(byte[] head, int length, Charset charset) {
    return new String(head, 0, Math.min(length, SAMPLE_BYTES), charset);
  }

  /** The first {@code <title>}'s text, whitespace collapsed, bounded; null when there is none. */
  static String title(byte[] head, int length, Charset charset) {
    String text = new String(head, 0, Math.min(length, TITLE_SCAN_BYTES), charset);
    // Lower-casing can change lengths for a few scripts; ASCII-only folding keeps indices aligned.
    String folded = asciiLower(text);
    int from = 0;
    while (true) {
      int open = folded.indexOf("<title", from);
      if (open < 0) return null;
      int after = open + "<title".length();
      // "<titlex" is another tag; only whitespace, '>' or '/' may follow the name.
      if (after < folded.length() && !isTagNameEnd(folded.charAt(after))) {
        from = after;
        continue;
      }
      int gt = folded.indexOf('>', after);
      if (gt < 0) return null;
      int close = folded.indexOf("</title", gt + 1);
      if (close < 0) return null;
      String collapsed = text.substring(gt + 1, close).replaceAll("\\s+", " ").strip();
      if (collapsed.length() > TITLE_MAX_CHARS) collapsed = collapsed.substring(0, TITLE_MAX_CHARS);
      return collapsed;
    }
  }

  private static boolean isTagNameEnd(char c) {
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }

  private static String asciiLower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') chars[i] = (char) (c + ('a' - 'A'));
    }
    return new String(chars);
  }
}
