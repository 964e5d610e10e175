package org.censorprobe.probe.measure.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;

/** The human-readable parts of a body: its title and a text sample, for blockpage fingerprints and evidence. */
final class PageText {
  static final int SAMPLE_BYTES = 4 * 1024;
  /** Blockpages put their title near the top; scanning further buys nothing and costs time on hostile input. */
  static final int TITLE_SCAN_BYTES = 64 * 1024;
  static final int TITLE_MAX_CHARS = 256;

  private PageText() {}

  /** HTML says a meta charset must sit in the first 1024 bytes. */
  static final int META_SCAN_BYTES = 1024;
  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]{0,200}?charset\\s{0,8}=\\s{0,8}[\"']?([A-Za-z0-9_.:-]{1,40})",
          Pattern.CASE_INSENSITIVE);

  /**
   * The Content-Type charset, else a {@code <meta>} charset near the top (hand-made blockpages often declare it
   * only there), else UTF-8, what most pages use. Names this JVM lacks are ignored.
   */
  static Charset charset(String contentType, byte[] head, int length) {
    Charset declared = null;
    if (contentType != null) {
      try {
        MediaType type = MediaType.parse(contentType);
        declared = type == null ? null : type.charset(null);
      } catch (RuntimeException unsupported) {
        declared = null;
      }
    }
    if (declared == null) declared = metaCharset(head, length);
    return declared == null ? StandardCharsets.UTF_8 : declared;
  }

  private static Charset metaCharset(byte[] head, int length) {
    String top = new String(head, 0, Math.min(length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(top);
    if (!m.find()) return null;
    try {
      return Charset.forName(m.group(1));
    } catch (RuntimeException unsupported) {
      return null;
    }
  }

  static String sample(byte[] head, int length, Charset charset) {
    return new String(head, 0, Math.min(length, SAMPLE_BYTES), charset);
  }

  /** The first {@code <title>}'s text, whitespace collapsed, bounded; null when there is none. */
  static String title(byte[] head, int length, Charset charset) {
    return titleIn(new String(head, 0, Math.min(length, TITLE_SCAN_BYTES), charset));
  }

  /**
   * {@link #title}, reading {@code sample} (what {@link #sample} made of the same bytes) when it already holds every
   * byte the title scan would read: most pages are shorter than the sample. PageText's strings (both decodings and
   * the title scan's lower-cased copy, gone too) were about a tenth of the HTTP step's allocation samples.
   */
  static String title(byte[] head, int length, Charset charset, String sample) {
    return length <= SAMPLE_BYTES ? titleIn(sample) : title(head, length, charset);
  }

  private static String titleIn(String text) {
    int from = 0;
    while (true) {
      int open = indexOfAsciiFolded(text, "<title", from);
      if (open < 0) return null;
      int after = open + "<title".length();
      // "<titlex" is another tag; only whitespace, '>' or '/' may follow the name.
      if (after < text.length() && !isTagNameEnd(text.charAt(after))) {
        from = after;
        continue;
      }
      int gt = text.indexOf('>', after);
      if (gt < 0) return null;
      int close = indexOfAsciiFolded(text, "</title", gt + 1);
      if (close < 0) return null;
      String collapsed = WHITESPACE.matcher(text.substring(gt + 1, close)).replaceAll(" ").strip();
      if (collapsed.length() > TITLE_MAX_CHARS) collapsed = collapsed.substring(0, TITLE_MAX_CHARS);
      return collapsed;
    }
  }

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * Where {@code lower} (lower-case ASCII) starts in {@code text} at or after {@code from}, with only ASCII letters
   * folded, as HTML reads tag names (Unicode folding would let {@code <TİTLE} pass for a title); -1 for nowhere.
   */
  private static int indexOfAsciiFolded(String text, String lower, int from) {
    int last = text.length() - lower.length();
    char first = lower.charAt(0);
    for (int i = Math.max(0, from); i <= last; i++) {
      if (text.charAt(i) != first) continue; // '<' has no case
      int k = 1;
      while (k < lower.length() && asciiLower(text.charAt(i + k)) == lower.charAt(k)) k++;
      if (k == lower.length()) return i;
    }
    return -1;
  }

  private static boolean isTagNameEnd(char c) {
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
