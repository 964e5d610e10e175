package org.censorprobe.reporter.render;

/**
 * Text from the data (platform names, page titles, evidence) made safe for Markdown, CommonMark and GitHub's
 * tables alike: a reader sees exactly the text, never markup it smuggled in. Only what could change the rendering
 * is escaped, so the source stays readable where it is published as is: {@code (59 s)}, {@code a -> b} and
 * {@code connection_refused} pass untouched, while {@code *}, {@code `}, {@code [}, a tag-like {@code <}, an
 * entity-like {@code &}, an emphasis-capable {@code _} and (in tables) {@code |} get a backslash. Line breaks and
 * other control characters become spaces: one value never spans lines.
 */
final class MarkdownText {
  private MarkdownText() {}

  /** Text in the middle of a line (after a label, inside a heading or a list item's text). */
  static String inline(String s) {
    return escape(s, false, false);
  }

  /** Text in a table cell: also {@code |}, which would end the cell even inside a code span. */
  static String cell(String s) {
    return escape(s, true, false);
  }

  /**
   * Text that starts a block (a paragraph, a quote's first line): also a leading {@code #}, {@code >}, list
   * marker, fence or thematic break; and it is stripped of surrounding spaces (four would open a code block).
   */
  static String block(String s) {
    return escape(s, false, true);
  }

  private static String escape(String s, boolean cell, boolean blockStart) {
    if (s == null) return "";
    String t = normalise(s);
    if (blockStart) t = t.strip();
    int blockMarker = blockStart ? blockMarker(t) : -1;
    StringBuilder b = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      char before = i == 0 ? 0 : t.charAt(i - 1);
      char after = i + 1 < t.length() ? t.charAt(i + 1) : 0;
      boolean escape = switch (c) {
        // always meaningful: code spans, emphasis, links and images, GitHub's strikethrough
        case '`', '*', '[', ']', '~' -> true;
        // only an escape of the next punctuation character, or at the end where our own markup follows
        case '\\' -> after == 0 || isAsciiPunctuation(after);
        // inside a word it cannot open or close emphasis (CommonMark's flanking rule): snake_case stays
        case '_' -> !(isWordChar(before) && isWordChar(after));
        // a tag, an autolink, a comment or a declaration starts with one of these after '<'
        case '<' -> after == 0 || Character.isLetter(after) || after == '/' || after == '!' || after == '?';
        case '&' -> startsEntity(t, i);
        case '|' -> cell;
        default -> false;
      };
      if (i == blockMarker) escape = true;
      if (escape) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  /** Control characters (line breaks included) become spaces. */
  private static String normalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }

  /**
   * Where {@code t}, at the start of a line, has the character that would open a heading, quote, list, table row
   * or thematic break (the one to escape), or -1. Fences, emphasis and HTML are escaped wherever they are.
   */
  private static int blockMarker(String t) {
    if (t.isEmpty()) return -1;
    char c = t.charAt(0);
    if (c == '#' || c == '>' || c == '|' || c == '=' || c == '-' || c == '+') return 0;
    // an ordered list item: up to nine digits, then '.' or ')'; a backslash before a digit would be shown
    int i = 0;
    while (i < t.length() && i < 10 && t.charAt(i) >= '0' && t.charAt(i) <= '9') i++;
    return i > 0 && i <= 9 && i < t.length() && (t.charAt(i) == '.' || t.charAt(i) == ')') ? i : -1;
  }

  /** {@code &name;}, {@code &#123;} or {@code &#x1F;}: CommonMark would show the character it names. */
  private static boolean startsEntity(String t, int at) {
    int i = at + 1;
    if (i < t.length() && t.charAt(i) == '#') {
      i++;
      boolean hex = i < t.length() && (t.charAt(i) == 'x' || t.charAt(i) == 'X');
      if (hex) i++;
      int start = i;
      while (i < t.length() && i - start < 8 && (hex ? Character.digit(t.charAt(i), 16) >= 0
          : t.charAt(i) >= '0' && t.charAt(i) <= '9')) i++;
      return i > start && i < t.length() && t.charAt(i) == ';';
    }
    int start = i;
    while (i < t.length() && i - start < 40 && isAsciiAlphanumeric(t.charAt(i))) i++;
    return i > start && i < t.length() && t.charAt(i) == ';';
  }

  private static boolean isWordChar(char c) {
    return c != 0 && Character.isLetterOrDigit(c);
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  private static boolean isAsciiPunctuation(char c) {
    return c < 128 && c > ' ' && !Character.isLetterOrDigit(c);
  }
}
