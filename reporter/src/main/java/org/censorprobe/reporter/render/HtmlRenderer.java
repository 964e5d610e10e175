package org.censorprobe.reporter.render;

import static org.censorprobe.reporter.render.HtmlText.esc;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.censorprobe.reporter.incidents.Band;
import org.censorprobe.reporter.incidents.Count;
import org.censorprobe.reporter.incidents.Event;
import org.censorprobe.reporter.incidents.EventGrouper;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.Status;

/**
 * One self-contained HTML file: no script, no external asset, inline CSS and SVG; readable on a phone, prints
 * well. Everything from the data goes through {@link HtmlText#esc}.
 */
public final class HtmlRenderer implements ReportRenderer {
  /** Above this many bands a row is drawn as columns instead, so the file stays small. */
  static final int MAX_EXACT_BANDS = 600;
  static final int COLUMNS = 800;
  private static final double LABEL_W = 170;
  private static final double PLOT_W = 820;
  private static final double ROW_H = 22;
  private static final double ROW_GAP = 6;

  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
      + " form-action 'none'";

  private static final String CSS = """
      :root{--ok:#2e7d32;--blocked:#c62828;--technical:#ef6c00;--inconclusive:#6a4c93;--nodata:#d5d5d5;--fg:#1b1b1b;--muted:#5f5f5f}
      *{box-sizing:border-box}
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:12px}
      h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:1.6em}h3{font-size:1.05em;margin:.3em 0}
      .muted{color:var(--muted)}
      .event{border-left:6px solid var(--nodata);padding:.4em .8em;margin:.6em 0;background:#fafafa}
      .event.blocked{border-color:var(--blocked)}.event.technical{border-color:var(--technical)}.event.mixed{border-color:#8d4004}.event.network_outage{border-color:#333}
      .headline{font-weight:600;margin:.1em 0}
      .tag{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;font-size:.85em}
      .tag.blocked{background:var(--blocked)}.tag.technical{background:var(--technical)}.tag.mixed{background:#8d4004}.tag.inconclusive{background:var(--inconclusive)}
      .table-wrap{overflow-x:auto}
      table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}
      th{background:#f0f0f0}
      figure{margin:.6em 0}figcaption{font-weight:600}
      .scroll-x{overflow-x:auto}
      svg.timeline{width:100%;min-width:680px;height:auto;display:block;margin:.4em 0}
      svg text{font:14px system-ui,sans-serif;fill:var(--fg)}
      svg text.axis{font-size:12px}
      .b-ok{fill:var(--ok)}.b-blocked{fill:var(--blocked)}.b-technical{fill:var(--technical)}.b-inconclusive{fill:var(--inconclusive)}.b-no-data{fill:var(--nodata)}
      .legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:1em;height:1em;vertical-align:-.15em;margin-right:.3em}
      .incident{border:1px solid #ddd;padding:.5em .8em;margin:.8em 0;break-inside:avoid}
      blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #999;background:#f6f6f6}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:.3em 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
      .sample{margin:.6em 0 .9em}
      @media (max-width:640px){body{font-size:14px;padding:6px}dl{grid-template-columns:1fr}dt{margin-top:.3em}}
      table.facts th{background:none;font-weight:600}table.facts th[scope=row]{width:11em}
      .sample-head{color:var(--muted);margin:.2em 0}
      footer{margin-top:2em;border-top:1px solid #ccc;color:var(--muted);font-size:.92em}footer h2{border:0;color:var(--fg)}
      .path{font-family:ui-monospace,monospace}
      @media print{
        /* Paper: black on white, no tinted or dark backgrounds; the timeline's colours are the data and stay. */
        body{max-width:none;font-size:9.5pt;line-height:1.3;color:#000;background:#fff;padding:0}
        .incident{padding:.3em .5em;margin:.5em 0}.sample{margin:.4em 0}blockquote{margin:.2em 0;padding:.1em .6em}
        .event,blockquote,th,footer{background:none}
        .tag,.tag.blocked,.tag.technical,.tag.mixed,.tag.inconclusive{background:none;border:1px solid currentColor}
        .tag.blocked{color:var(--blocked)}.tag.technical{color:var(--technical)}.tag.mixed{color:#8d4004}.tag.inconclusive{color:var(--inconclusive)}
        svg rect.band,.legend i{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        .scroll-x,.table-wrap{overflow:visible}svg.timeline{min-width:0}
        a{color:inherit;text-decoration:none}
        /* On paper a link cannot be followed: show where it leads (the report links only within itself today). */
        a[href]:not([href^="#"])::after{content:" (" attr(href) ")";font-size:.85em}
        /* An incident, a sample, an event, a figure or a table row is never cut across two pages when it fits on one. */
        .incident,.sample,.event,figure,tr,footer{break-inside:avoid}h2,h3,.sample-head{break-after:avoid}
      }
      """;

  private final Colophon colophon;

  /** Stamped with this reporter's version and the time of construction. */
  public HtmlRenderer() {
    this(Colophon.now());
  }

  public HtmlRenderer(Colophon colophon) {
    this.colophon = colophon;
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // The page forbids itself every script and every load: it works without them, and a title that slipped
        // past the escaping could still run nothing and fetch nothing.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
        .append("<title>censorprobe report ").append(esc(period(report))).append("</title><style>").append(CSS)
        .append(FleetHtml.CSS)
        .append("</style></head><body>\n");
    header(h, report);
    FleetHtml.arrival(h, report);
    FleetHtml.fleet(h, report);
    events(h, report);
    timelines(h, report);
    incidentTable(h, report);
    evidence(h, report);
    footer(h, Footer.of(report, colophon));
    h.append("</body></html>\n");
    out.write(h.toString());
  }

  private static String period(Report r) {
    return r.from() == null ? "(no data)" : TimeText.instant(r.from()) + " to " + TimeText.instant(r.to()) + " UTC";
  }

  private static void header(StringBuilder h, Report r) {
    h.append("<header><h1>Reachability report</h1><p><strong>Period:</strong> ").append(esc(period(r))).append("</p>");
    h.append("<div class=\"table-wrap\"><table><thead><tr><th>probe</th><th>network</th><th>ASN</th><th>country</th></tr></thead><tbody>");
    for (ProbeIdentity p : r.probes()) {
      h.append("<tr><td>").append(esc(p.id())).append("</td><td>").append(esc(p.network())).append("</td><td>")
          .append(p.asn() > 0 ? "AS" + p.asn() : "").append("</td><td>").append(esc(p.country())).append("</td></tr>");
    }
    h.append("</tbody></table></div>");
    h.append("</header>\n");
  }

  private static void events(StringBuilder h, Report r) {
    h.append("<section id=\"events\"><h2>Events</h2>");
    if (r.events().isEmpty()) h.append("<p>No incidents in this period.</p>");
    for (Event e : r.events()) {
      String cls = Event.KIND_NETWORK_OUTAGE.equals(e.kind()) ? e.kind() : e.classification();
      h.append("<div class=\"event ").append(esc(cls)).append("\" id=\"event-").append(esc(e.id())).append("\">")
          .append("<p class=\"headline\">").append(esc(e.headline())).append("</p><p class=\"muted\">")
          .append(esc(e.id())).append(" · networks: ");
      List<String> nets = new ArrayList<>();
      for (var n : e.networks()) nets.add(EventGrouper.networkName(n.probe()) + " [" + n.probe().id() + "] " + TimeText.span(n.start(), n.end()));
      h.append(esc(String.join("; ", nets))).append(" · incidents: ");
      for (String id : e.incidentIds()) h.append("<a href=\"#incident-").append(esc(id)).append("\">").append(esc(id)).append("</a> ");
      h.append("</p></div>\n");
    }
    h.append("</section>\n");
  }

  private static void timelines(StringBuilder h, Report r) {
    h.append("<section id=\"timeline\"><h2>Timeline</h2>");
    h.append("<p class=\"legend\">");
    for (Status s : Status.values()) {
      h.append("<span><i class=\"swatch\" style=\"background:var(--").append(cssName(s).replace("no-data", "nodata"))
          .append(")\"></i>").append(esc(s.label())).append("</span>");
    }
    h.append("</p>");
    if (r.from() == null) {
      h.append("<p>No data.</p></section>\n");
      return;
    }
    Map<String, List<Timeline>> byProbe = new LinkedHashMap<>();
    for (Timeline t : r.timelines()) byProbe.computeIfAbsent(t.probe().id(), k -> new ArrayList<>()).add(t);
    for (List<Timeline> rows : byProbe.values()) {
      ProbeIdentity p = rows.get(0).probe();
      h.append("<figure><figcaption>").append(esc(p.id())).append(" — ").append(esc(EventGrouper.networkName(p)))
          .append("</figcaption>");
      h.append("<div class=\"scroll-x\">");
      svg(h, rows, r.from(), r.to());
      h.append("</div></figure>\n");
    }
    h.append("</section>\n");
  }

  private static void svg(StringBuilder h, List<Timeline> rows, Instant from, Instant to) {
    double height = rows.size() * (ROW_H + ROW_GAP) + 24;
    long start = from.toEpochMilli();
    long span = Math.max(1, to.toEpochMilli() - start);
    h.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(fmt(LABEL_W + PLOT_W + 10)).append(' ').append(fmt(height))
        .append("\" role=\"img\"><title>Timeline of each platform's status</title>");
    double y = 4;
    for (Timeline t : rows) {
      h.append("<g class=\"row\"><text x=\"0\" y=\"").append(fmt(y + ROW_H * 0.7)).append("\">")
          .append(esc(shorten(t.platformName()))).append("</text>");
      h.append("<rect class=\"band b-no-data\" x=\"").append(fmt(LABEL_W)).append("\" y=\"").append(fmt(y))
          .append("\" width=\"").append(fmt(PLOT_W)).append("\" height=\"").append(fmt(ROW_H))
          .append("\"><title>").append(esc(t.platformName())).append(": no data</title></rect>");
      if (t.bands().size() <= MAX_EXACT_BANDS) {
        for (Band b : t.bands()) {
          double x0 = LABEL_W + PLOT_W * clamp((b.from().toEpochMilli() - start) / (double) span);
          double x1 = LABEL_W + PLOT_W * clamp((b.to().toEpochMilli() - start) / (double) span);
          rect(h, b.status(), x0, Math.max(x1 - x0, 0.8), y,
              t.platformName() + ": " + b.status().label() + " " + TimeText.span(b.from(), b.to())
                  + (b.rounds() > 0 ? " (" + Plural.count(b.rounds(), "round") + ")" : ""));
        }
      } else {
        Status[] cols = Columns.of(t.bands(), from, to, COLUMNS);
        double w = PLOT_W / COLUMNS;
        for (int c = 0; c < cols.length; ) {
          int e = c;
          while (e + 1 < cols.length && cols[e + 1] == cols[c]) e++;
          Instant a = Instant.ofEpochMilli(start + span * c / COLUMNS);
          Instant b = Instant.ofEpochMilli(start + span * (e + 1) / COLUMNS);
          rect(h, cols[c], LABEL_W + c * w, (e - c + 1) * w, y,
              t.platformName() + ": mostly " + cols[c].label() + " " + TimeText.span(a, b));
          c = e + 1;
        }
      }
      h.append("</g>");
      y += ROW_H + ROW_GAP;
    }
    for (int i = 0; i <= 4; i++) {
      double x = LABEL_W + PLOT_W * i / 4.0;
      Instant at = Instant.ofEpochMilli(start + span * i / 4);
      h.append("<text class=\"axis\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y + 12)).append("\" text-anchor=\"")
          .append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">").append(esc(TimeText.instant(at)))
          .append("</text>");
    }
    h.append("</svg>");
  }

  private static void rect(StringBuilder h, Status s, double x, double w, double y, String title) {
    h.append("<rect class=\"band b-").append(cssName(s)).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
        .append("\" width=\"").append(fmt(w)).append("\" height=\"").append(fmt(ROW_H)).append("\"><title>")
        .append(esc(title)).append("</title></rect>");
  }

  private static void incidentTable(StringBuilder h, Report r) {
    h.append("<section id=\"incidents\"><h2>Incidents</h2>");
    if (r.incidents().isEmpty()) {
      h.append("<p>None.</p></section>\n");
      return;
    }
    h.append("<div class=\"table-wrap\"><table><thead><tr><th>id</th><th>platform</th><th>probe / network</th>")
        .append("<th>start (UTC)</th><th>end (UTC)</th><th>duration</th><th>classification</th><th>methods</th>")
        .append("<th>confidence</th><th>controls</th></tr></thead><tbody>");
    for (Incident i : r.incidents()) {
      h.append("<tr><td><a href=\"#incident-").append(esc(i.id())).append("\">").append(esc(i.id())).append("</a></td><td>")
          .append(esc(i.platformName())).append("</td><td>").append(esc(i.probe().id())).append("<br>")
          .append(esc(EventGrouper.networkName(i.probe()))).append("</td><td>").append(esc(TimeText.instant(i.start())))
          .append("</td><td>").append(esc(TimeText.instant(i.end()))).append("</td><td>")
          .append(esc(TimeText.duration(i.duration()))).append(i.spansGap() ? "<br>spans a gap in the data" : "")
          .append("</td><td><span class=\"tag ").append(esc(i.classification())).append("\">")
          .append(esc(i.classification())).append("</span><br>").append(esc(IncidentText.split(i))).append("</td><td>")
          .append(esc(IncidentText.methods(i, 3))).append("</td><td>").append(esc(i.confidence().label()))
          .append("</td><td>").append(esc(IncidentText.controlsCell(i))).append("</td></tr>");
    }
    h.append("</tbody></table></div></section>\n");
  }

  private static void evidence(StringBuilder h, Report r) {
    if (r.incidents().isEmpty()) return;
    h.append("<section id=\"evidence\"><h2>Evidence</h2>");
    for (Incident i : r.incidents()) {
      ProbeIdentity p = i.probe();
      h.append("<article class=\"incident\" id=\"incident-").append(esc(i.id())).append("\"><h3>").append(esc(i.id()))
          .append(": ").append(esc(i.platformName())).append(" <span class=\"tag ").append(esc(i.classification()))
          .append("\">").append(esc(i.classification())).append("</span></h3><dl>");
      dd(h, "Probe", IncidentText.probe(p));
      dd(h, "When", IncidentText.when(i));
      dd(h, "Rounds", IncidentText.rounds(i));
      if (i.spansGap()) dd(h, "No data", IncidentText.noData(i));
      dd(h, "Endpoints affected", IncidentText.endpoints(i, 20));
      dd(h, "Methods seen", IncidentText.methods(i, 20));
      dd(h, "What happened", i.what());
      dd(h, "Confidence", i.confidence().label());
      dd(h, "Controls", i.controls().summary());
      h.append("</dl>");
      for (EvidenceSample s : i.evidence()) {
        h.append("<div class=\"sample\"><p class=\"sample-head\">").append(esc(IncidentText.sample(s))).append("</p>");
        if (s.sentence() != null) h.append("<blockquote>").append(esc(s.sentence())).append("</blockquote>");
        h.append("<table class=\"facts\"><thead><tr><th>fact</th><th>what the record shows</th></tr></thead><tbody>");
        for (EvidenceText.Row row : EvidenceText.rows(s)) {
          h.append("<tr><th scope=\"row\">").append(esc(row.label())).append("</th><td>").append(esc(row.value()))
              .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
      }
      h.append("</article>\n");
    }
    h.append("</section>\n");
  }

  private static void footer(StringBuilder h, Footer f) {
    h.append("<footer id=\"about\"><h2>About this report</h2><p>").append(esc(f.made())).append("</p><p>")
        .append(esc(f.input())).append("</p>");
    if (f.skipped() != null) {
      h.append("<p>").append(esc(f.skipped())).append("</p>");
      if (!f.reasons().isEmpty()) {
        h.append("<ul>");
        for (String reason : f.reasons()) h.append("<li>").append(esc(reason)).append("</li>");
        h.append("</ul>");
      }
    }
    h.append("<p>").append(esc(f.classifiers())).append("</p><p>").append(esc(f.rules())).append("</p>");
    // Not a link: a report file is read far from the source tree, where a relative link would lead nowhere.
    h.append("<p>How each verdict is decided: <span class=\"path\">censorprobe/").append(esc(Footer.METHOD_PATH))
        .append("</span> in the censorprobe source.</p></footer>\n");
  }

  private static void dd(StringBuilder h, String term, String value) {
    h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  private static String cssName(Status s) {
    return s.label().replace(' ', '-').toLowerCase(Locale.ROOT);
  }

  private static String shorten(String s) {
    return s == null ? "" : s.length() > 20 ? s.substring(0, 19) + "…" : s;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static String fmt(double v) {
    return SvgNumber.oneDecimal(v);
  }
}
