package org.censorprobe.reporter.render;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.reporter.incidents.Event;
import org.censorprobe.reporter.incidents.EventGrouper;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.NoDataSpan;
import org.censorprobe.reporter.incidents.Report;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.Status;

/** The same content as the HTML report as Markdown, for publishing; the timeline is a text table of columns. */
public final class MarkdownRenderer implements ReportRenderer {
  static final int COLUMNS = 48;

  @Override
  public void render(Report r, Writer out) throws IOException {
    StringBuilder m = new StringBuilder(32 * 1024);
    m.append("# Reachability report\n\n");
    m.append("**Period:** ").append(r.from() == null ? "no data" : md(TimeText.instant(r.from()) + " to " + TimeText.instant(r.to()) + " UTC")).append("\n\n");
    m.append("| probe | network | ASN | country |\n|---|---|---|---|\n");
    for (ProbeIdentity p : r.probes()) {
      m.append("| ").append(md(p.id())).append(" | ").append(md(p.network())).append(" | ")
          .append(p.asn() > 0 ? "AS" + p.asn() : "").append(" | ").append(md(p.country())).append(" |\n");
    }
    m.append('\n').append(r.input().measurements()).append(" measurements in ").append(r.input().rounds())
        .append(" rounds; ").append(r.input().skipped()).append(" malformed input lines skipped.\n\n");
    FleetMarkdown.sourcesAndArrival(m, r);
    FleetMarkdown.fleet(m, r);

    m.append("## Events\n\n");
    if (r.events().isEmpty()) m.append("No incidents in this period.\n");
    for (Event e : r.events()) {
      m.append("- **").append(md(e.id())).append("** ").append(md(e.headline())).append(" Incidents: ")
          .append(md(String.join(", ", e.incidentIds()))).append(".\n");
    }

    m.append("\n## Timeline\n\n");
    if (r.from() != null) timeline(m, r);

    m.append("\n## Incidents\n\n");
    if (r.incidents().isEmpty()) m.append("None.\n");
    else {
      m.append("| id | platform | probe | start (UTC) | end (UTC) | duration | classification | methods | confidence | controls |\n");
      m.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (Incident i : r.incidents()) {
        m.append("| ").append(md(i.id())).append(" | ").append(md(i.platformName())).append(" | ")
            .append(md(i.probe().id() + " " + EventGrouper.networkName(i.probe()))).append(" | ")
            .append(md(TimeText.instant(i.start()))).append(" | ").append(md(TimeText.instant(i.end()))).append(" | ")
            .append(md(TimeText.duration(i.duration()) + (i.spansGap() ? " (spans no-data gap)" : ""))).append(" | ")
            .append(md(i.classification() + ": " + HtmlRenderer.split(i))).append(" | ")
            .append(md(HtmlRenderer.counts(i.methods(), 3))).append(" | ").append(md(i.confidence().label())).append(" | ")
            .append(i.controls().healthy() ? "healthy" : i.controls().rounds() == 0 ? "unknown" : "not healthy").append(" |\n");
      }
      m.append("\n## Evidence\n");
      for (Incident i : r.incidents()) evidence(m, i);
    }
    out.write(m.toString());
  }

  private static void timeline(StringBuilder m, Report r) {
    m.append("One column is ").append(md(TimeText.duration(java.time.Duration.between(r.from(), r.to()).dividedBy(COLUMNS))))
        .append("; `#` blocked, `~` technical, `?` inconclusive, `.` ok, ` ` no data (the most severe status in a column shows).\n\n");
    Map<String, List<Timeline>> byProbe = new LinkedHashMap<>();
    for (Timeline t : r.timelines()) byProbe.computeIfAbsent(t.probe().id(), k -> new ArrayList<>()).add(t);
    for (List<Timeline> rows : byProbe.values()) {
      m.append("**").append(md(rows.get(0).probe().id())).append("** ").append(md(EventGrouper.networkName(rows.get(0).probe()))).append("\n\n```text\n");
      String head = TimeText.instant(r.from());
      String tail = TimeText.instant(r.to());
      m.append(pad("", 22)).append(head).append(" ".repeat(Math.max(1, COLUMNS + 2 - head.length() - tail.length()))).append(tail).append('\n');
      for (Timeline t : rows) {
        m.append(pad(code(t.platformName()), 22)).append('|');
        for (Status s : Columns.of(t.bands(), r.from(), r.to(), COLUMNS)) m.append(symbol(s));
        m.append("|\n");
      }
      m.append("```\n\n");
    }
  }

  private static void evidence(StringBuilder m, Incident i) {
    m.append("\n### ").append(md(i.id())).append(": ").append(md(i.platformName())).append(" (").append(md(i.classification())).append(")\n\n");
    item(m, "probe", i.probe().id() + " — " + EventGrouper.networkName(i.probe()) + (i.probe().country() == null ? "" : ", " + i.probe().country()));
    item(m, "when", TimeText.span(i.start(), i.end()) + " (" + TimeText.duration(i.duration()) + ")");
    item(m, "rounds", i.failingRounds() + " failing (" + HtmlRenderer.split(i) + "), " + i.okRoundsInside() + " ok inside");
    if (i.spansGap()) {
      List<String> gaps = new ArrayList<>();
      for (NoDataSpan g : i.noData()) gaps.add(TimeText.span(g.from(), g.to()));
      item(m, "no data", "spans " + i.noDataSpans() + " gap(s): " + String.join("; ", gaps));
    }
    item(m, "endpoints affected", HtmlRenderer.counts(i.endpoints(), 20));
    item(m, "methods seen", HtmlRenderer.counts(i.methods(), 20));
    item(m, "what was seen", i.what());
    item(m, "confidence", i.confidence().label());
    item(m, "controls", i.controls().summary());
    for (EvidenceSample s : i.evidence()) {
      m.append("\n").append(md(TimeText.instant(s.measuredAt()) + " UTC, " + s.endpoint() + ", " + s.verdict().label()
          + (s.method() == null ? "" : ", " + s.method().wire()))).append(":\n\n");
      if (s.sentence() != null) m.append("> ").append(md(s.sentence())).append("\n\n");
      for (EvidenceText.Row row : EvidenceText.rows(s)) item(m, row.label(), row.value());
    }
  }

  private static void item(StringBuilder m, String name, String value) {
    m.append("- **").append(md(name)).append(":** ").append(md(value)).append('\n');
  }

  private static char symbol(Status s) {
    return switch (s) {
      case BLOCKED -> '#';
      case TECHNICAL -> '~';
      case INCONCLUSIVE -> '?';
      case OK -> '.';
      case NO_DATA -> ' ';
    };
  }

  private static String pad(String s, int width) {
    String cut = s.length() > width - 1 ? s.substring(0, width - 2) + "…" : s;
    return cut + " ".repeat(width - cut.length());
  }

  /** Text inside a fenced block: only a fence could break out. */
  private static String code(String s) {
    return s == null ? "" : s.replace('`', '\'').replaceAll("\\p{Cntrl}", " ");
  }

  /** Escapes Markdown syntax and inline HTML in text from the data. */
  static String md(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~', '{', '}' -> b.append('\\').append(c);
        default -> b.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return b.toString();
  }

}
