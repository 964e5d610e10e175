package org.censorprobe.reporter.render;

import static org.censorprobe.reporter.render.HtmlText.esc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetBuilder;
import org.censorprobe.reporter.fleet.FleetEvent;
import org.censorprobe.reporter.fleet.FleetState;
import org.censorprobe.reporter.fleet.FleetView;
import org.censorprobe.reporter.fleet.NetworkStance;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.TimeText;

/**
 * The fleet view in the HTML report: the events across networks as sentences and a table of each network's
 * stance, and the platform x network matrix as a table whose cells are small SVG strips over the period. Also the
 * notice on late-arriving data under the header. Everything from the data goes through {@link HtmlText#esc}.
 */
final class FleetHtml {
  static final String CSS = """
      .arrival{border-left:6px solid var(--technical);background:#fff7ec;padding:.4em .8em;margin:.6em 0}
      .arrival.done{border-color:var(--ok);background:#f3f9f3}.arrival ul{margin:.3em 0;padding-left:1.2em}
      .fleet-event{border-left:6px solid var(--blocked);padding:.4em .8em;margin:.6em 0;background:#fafafa;break-inside:avoid}
      table.matrix td,table.matrix th{vertical-align:middle}table.matrix td{white-space:nowrap}
      svg.strip{width:9em;height:1.1em;display:block}
      .b-controls-failed{fill:#424242}
      .stance-blocked{color:var(--blocked);font-weight:600}.stance-reachable{color:var(--ok);font-weight:600}
      @media print{
        /* As the report's own print rules: no tinted backgrounds; the strips' colours are the data and stay. */
        .arrival,.arrival.done,.fleet-event{background:none}
        svg.strip rect,.legend i{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        table.matrix td{white-space:normal}
      }
      """;

  private FleetHtml() {}

  /**
   * Whether the central store may still be receiving the window's rows (nothing without a central store); what
   * the rows came from is in the footer.
   */
  static void arrival(StringBuilder h, Report r) {
    Arrival a = r.arrival();
    if (a == null) return;
    h.append("<section id=\"arrival\" class=\"arrival").append(a.stillArriving() ? "" : " done")
        .append("\"><p><strong>Late-arriving data</strong> (the central store's clock: ")
        .append(esc(TimeText.instant(a.serverNow()))).append(" UTC): ")
        .append(a.stillArriving() ? "data for this window may still be arriving."
            : "as far as each probe's schedule tells, this window's data has arrived.").append("</p><ul>");
    for (Arrival.ProbeLine p : a.probes()) h.append("<li>").append(esc(p.sentence())).append("</li>");
    h.append("</ul></section>\n");
  }

  static void fleet(StringBuilder h, Report r) {
    FleetView f = r.fleet();
    if (f == null) return;
    h.append("<section id=\"fleet\"><h2>Fleet: ").append(esc(Plural.count(f.networks().size(), "network")))
        .append("</h2>");
    h.append("<h3>Across networks</h3>");
    if (f.events().isEmpty()) h.append("<p>No platform was blocked on any network in this period.</p>");
    for (FleetEvent e : f.events()) event(h, f, e);
    matrix(h, f);
    h.append("</section>\n");
  }

  private static void event(StringBuilder h, FleetView f, FleetEvent e) {
    h.append("<div class=\"fleet-event\" id=\"fleet-").append(esc(e.id())).append("\"><p class=\"headline\">")
        .append(esc(e.headline())).append("</p><p class=\"muted\">").append(esc(e.id())).append(" · incidents: ");
    for (String id : e.incidentIds()) {
      h.append("<a href=\"#incident-").append(esc(id)).append("\">").append(esc(id)).append("</a> ");
    }
    h.append("</p><div class=\"table-wrap\"><table><thead><tr><th>platform</th><th>network</th><th>stance</th>")
        .append("<th>when (UTC)</th><th>what was seen</th><th>controls</th></tr></thead><tbody>");
    for (FleetEvent.PlatformStances p : e.platforms()) {
      for (NetworkStance s : p.networks()) {
        h.append("<tr><td>").append(esc(p.platformName())).append("</td><td>").append(esc(FleetBuilder.name(f,
                s.network()))).append("<br><span class=\"muted\">").append(esc(s.network().id())).append("</span></td>")
            .append("<td class=\"stance-").append(esc(s.kind().label())).append("\">")
            .append(esc(s.kind().label().replace('_', ' '))).append("</td><td>")
            .append(esc(TimeText.span(s.from(), s.to()))).append("</td><td>").append(esc(FleetMarkdown.stance(s)
                .split("; controls ")[0])).append("</td><td>")
            .append(esc(s.kind() == NetworkStance.Kind.NO_DATA ? "" : s.controls().summary())).append("</td></tr>");
      }
    }
    h.append("</tbody></table></div></div>\n");
  }

  private static void matrix(StringBuilder h, FleetView f) {
    Instant from = f.columns().get(0);
    Instant to = f.columns().get(f.columns().size() - 1);
    h.append("<h3>Platforms by network</h3><p class=\"muted\">Each cell runs from ").append(esc(TimeText.instant(from)))
        .append(" to ").append(esc(TimeText.instant(to))).append(" UTC, left to right; a network whose own controls"
            + " failed is dark, whatever it saw of the platform.</p><p class=\"legend\">");
    for (FleetState s : FleetState.values()) {
      h.append("<span><i class=\"swatch\" style=\"background:").append(swatch(s)).append("\"></i>")
          .append(esc(s.label())).append("</span>");
    }
    h.append("</p><div class=\"table-wrap\"><table class=\"matrix\"><thead><tr><th>platform</th>");
    for (ProbeIdentity n : f.networks()) {
      h.append("<th>").append(esc(FleetBuilder.name(f, n))).append("<br><span class=\"muted\">").append(esc(n.id()))
          .append("</span></th>");
    }
    h.append("</tr></thead><tbody>");
    for (FleetView.MatrixRow row : f.matrix()) {
      h.append("<tr><th>").append(esc(row.platformName())).append("</th>");
      for (FleetView.MatrixCell c : row.cells()) {
        h.append("<td>");
        if (c.measured()) {
          strip(h, f, row.platformName() + " on " + FleetBuilder.name(f, c.network()), c.columns());
          h.append("<span class=\"muted\">").append(esc(FleetMarkdown.counts(c))).append("</span>");
        } else {
          h.append("<span class=\"muted\">not measured</span>");
        }
        h.append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table></div>");
  }

  private static void strip(StringBuilder h, FleetView f, String label, List<FleetState> cols) {
    int n = cols.size();
    h.append("<svg class=\"strip\" viewBox=\"0 0 ").append(n * 2).append(" 12\" preserveAspectRatio=\"none\"")
        .append(" role=\"img\"><title>").append(esc(label)).append("</title>");
    for (int c = 0; c < n; ) {
      int e = c;
      while (e + 1 < n && cols.get(e + 1) == cols.get(c)) e++;
      h.append("<rect class=\"b-").append(cssName(cols.get(c))).append("\" x=\"").append(c * 2).append("\" y=\"0\"")
          .append(" width=\"").append((e - c + 1) * 2).append("\" height=\"12\"><title>").append(esc(label + ": "
              + cols.get(c).label() + " " + TimeText.span(f.columns().get(c), f.columns().get(e + 1))))
          .append("</title></rect>");
      c = e + 1;
    }
    h.append("</svg>");
  }

  private static String cssName(FleetState s) {
    return s.label().replace(' ', '-').toLowerCase(Locale.ROOT);
  }

  private static String swatch(FleetState s) {
    return switch (s) {
      case BLOCKED -> "var(--blocked)";
      case TECHNICAL -> "var(--technical)";
      case INCONCLUSIVE -> "var(--inconclusive)";
      case OK -> "var(--ok)";
      case CONTROLS_FAILED -> "#424242";
      case NO_DATA -> "var(--nodata)";
    };
  }
}
