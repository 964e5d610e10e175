package org.censorprobe.reporter.render;

/** Escapes text from the data (hostile: blockpage titles, headers) for HTML element content and attributes. */
final class HtmlText {
  private HtmlText() {}

  static String esc(Object value) {
    if (value == null) return "";
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (Character.isISOControl(c) && c != '\n' && c != '\t') b.append(' ');
          else b.append(c);
        }
      }
    }
    return b.toString();
  }
}
