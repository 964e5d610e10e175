package org.censorprobe.probe.upload;

/**
 * PostgreSQL's jsonb cannot hold U+0000 (an escaped {@code \u0000} is refused, and one refused row would hold
 * the whole outbox back). A hostile network can put a NUL into a body sample, so such escapes become U+FFFD in
 * the central copy; the probe's own store keeps the record as measured.
 */
final class JsonbText {
  private static final String NUL = "\\u0000";
  private static final String REPLACEMENT = "\\ufffd";

  private JsonbText() {}

  static String of(String json) {
    if (!json.contains(NUL)) return json; // nearly always: no copy
    StringBuilder out = new StringBuilder(json.length());
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        if (json.startsWith(NUL, i)) {
          out.append(REPLACEMENT);
          i += NUL.length();
        } else {
          out.append(c).append(json.charAt(i + 1)); // an escape pair: "\\u0000" is a backslash, then text
          i += 2;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
