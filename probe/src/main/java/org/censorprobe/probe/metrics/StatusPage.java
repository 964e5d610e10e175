package org.censorprobe.probe.metrics;

import java.time.Instant;

/** {@code /}: a small live page for a person at the probe: every platform's and endpoint's latest verdict. */
final class StatusPage {
  private StatusPage() {}

  static String render(StatusBoard board, String version) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>censorprobe</title>")
        .append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}")
        .append(".ok{color:#080}.blocked{color:#c00;font-weight:bold}.technical{color:#a60}")
        .append(".inconclusive{color:#666}</style></head><body>")
        .append("<h1>censorprobe</h1><p>version ").append(esc(version))
        .append(" &middot; last round ").append(esc(time(board.lastRound())))
        .append(" &middot; local network <b>").append(esc(board.localNetwork())).append("</b>")
        .append(" &middot; <a href=\"metrics\">metrics</a></p>");
    b.append("<h2>Platforms</h2><table><tr><th>platform</th><th>verdict</th><th>evidence</th><th>round</th></tr>");
    for (var p : board.platforms()) {
      b.append("<tr><td>").append(esc(p.platformName())).append("</td><td class=\"").append(esc(p.verdict()))
          .append("\">").append(esc(p.verdict())).append("</td><td>").append(esc(p.evidence()))
          .append("</td><td>").append(esc(time(p.roundAt()))).append("</td></tr>");
    }
    b.append("</table><h2>Endpoints</h2><table><tr><th>platform</th><th>endpoint</th><th>verdict</th>")
        .append("<th>method</th><th>evidence</th><th>measured</th></tr>");
    for (var e : board.endpoints()) {
      b.append("<tr><td>").append(esc(e.platform())).append("</td><td>").append(esc(e.endpoint()))
          .append("</td><td class=\"").append(esc(e.verdict())).append("\">").append(esc(e.verdict()))
          .append("</td><td>").append(esc(e.method())).append("</td><td>").append(esc(e.evidence()))
          .append("</td><td>").append(esc(time(e.measuredAt()))).append("</td></tr>");
    }
    return b.append("</table></body></html>\n").toString();
  }

  private static String time(Instant i) {
    return i == null ? "never" : i.toString();
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
