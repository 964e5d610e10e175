package org.censorprobe.reporter.render;

import static org.censorprobe.reporter.render.MarkdownText.block;
import static org.censorprobe.reporter.render.MarkdownText.cell;
import static org.censorprobe.reporter.render.MarkdownText.inline;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.incidents.Event;
import org.censorprobe.reporter.incidents.EventGrouper;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.reporter.read.Status;

/**
 * The same content as the HTML report as Markdown, for publishing; the timeline is a text table of columns. Text
 * from the data goes through {@link MarkdownText}, which escapes what would change the rendering and nothing else.
 */
public final class MarkdownRenderer implements ReportRenderer {
  static final int COLUMNS = 48;

  private final Colophon colophon;

  /** Stamped with this reporter's version and the time of construction. */
  public MarkdownRenderer() {
    this(Colophon.now());
  }

  public MarkdownRenderer(Colophon colophon) {
    this.colophon = colophon;
  }

  @Override
  public void render(Report r, Writer out) throws IOException {
    StringBuilder m = new StringBuilder(32 * 1024);
    m.append("# Reachability report\n\n");
    m.append("**Period:** ").append(r.from() == null ? "no data"
        : inline(TimeText.instant(r.from()) + " to " + TimeText.instant(r.to()) + " UTC")).append("\n\n");
    m.append("| probe | network | ASN | country |\n|---|---|---|---|\n");
    for (ProbeIdentity p : r.probes()) {
      m.append("| ").append(cell(p.id())).append(" | ").append(cell(p.network())).append(" | ")
          .append(p.asn() > 0 ? "AS" + p.asn() : "").append(" | ").append(cell(p.country())).append(" |\n");
    }
    // Under the probes, before the events: whether data may still arrive, then how the networks compare.
    if (r.arrival() != null || r.fleet() != null) m.append('\n');
    FleetMarkdown.arrival(m, r);
    FleetMarkdown.fleet(m, r);

    m.append("\n## Events\n\n");
    if (r.events().isEmpty()) m.append("No incidents in this period.\n");
    for (Event e : r.events()) {
      m.append("- **").append(inline(e.id())).append("** ").append(inline(e.headline())).append(" Incidents: ")
          .append(inline(String.join(", ", e.incidentIds()))).append(".\n");
    }

    m.append("\n## Timeline\n\n");
    if (r.from() != null) timeline(m, r);
    else m.append("No data.\n");

    m.append("\n## Incidents\n\n");
    if (r.incidents().isEmpty()) m.append("None.\n");
    else {
      m.append("| id | platform | probe | start (UTC) | end (UTC) | duration | classification | methods | confidence | controls |\n");
      m.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (Incident i : r.incidents()) {
        m.append("| ").append(cell(i.id())).append(" | ").append(cell(i.platformName())).append(" | ")
            .append(cell(i.probe().id() + " " + EventGrouper.networkName(i.probe()))).append(" | ")
            .append(cell(TimeText.instant(i.start()))).append(" | ").append(cell(TimeText.instant(i.end()))).append(" | ")
            .append(cell(TimeText.duration(i.duration()) + (i.spansGap() ? " (spans a gap in the data)" : ""))).append(" | ")
            .append(cell(i.classification() + ": " + IncidentText.split(i))).append(" | ")
            .append(cell(IncidentText.methods(i, 3))).append(" | ").append(cell(i.confidence().label())).append(" | ")
            .append(cell(IncidentText.controlsCell(i))).append(" |\n");
      }
      m.append("\n## Evidence\n");
      for (Incident i : r.incidents()) evidence(m, i);
    }
    footer(m, Footer.of(r, colophon));
    out.write(m.toString());
  }

  private static void timeline(StringBuilder m, Report r) {
    m.append("One column is ").append(inline(TimeText.duration(java.time.Duration.between(r.from(), r.to()).dividedBy(COLUMNS))))
        .append("; `#` blocked, `~` technical, `?` inconclusive, `.` ok, a space no data (the most severe status in a column shows).\n\n");
    Map<String, List<Timeline>> byProbe = new LinkedHashMap<>();
    for (Timeline t : r.timelines()) byProbe.computeIfAbsent(t.probe().id(), k -> new ArrayList<>()).add(t);
    for (List<Timeline> rows : byProbe.values()) {
      m.append("**").append(inline(rows.get(0).probe().id())).append("** ")
          .append(inline(EventGrouper.networkName(rows.get(0).probe()))).append("\n\n");
      StringBuilder text = new StringBuilder();
      String head = TimeText.instant(r.from());
      String tail = TimeText.instant(r.to());
      text.append(pad("", 22)).append(head).append(" ".repeat(Math.max(1, COLUMNS + 2 - head.length() - tail.length())))
          .append(tail).append('\n');
      for (Timeline t : rows) {
        text.append(pad(code(t.platformName()), 22)).append('|');
        for (Status s : Columns.of(t.bands(), r.from(), r.to(), COLUMNS)) text.append(symbol(s));
        text.append("|\n");
      }
      String fence = fence(text);
      m.append(fence).append("text\n").append(text).append(fence).append("\n\n");
    }
  }

  private static void evidence(StringBuilder m, Incident i) {
    m.append("\n### ").append(inline(i.id())).append(": ").append(inline(i.platformName())).append(" (")
        .append(inline(i.classification())).append(")\n\n");
    item(m, "Probe", IncidentText.probe(i.probe()));
    item(m, "When", IncidentText.when(i));
    item(m, "Rounds", IncidentText.rounds(i));
    if (i.spansGap()) item(m, "No data", IncidentText.noData(i));
    item(m, "Endpoints affected", IncidentText.endpoints(i, 20));
    item(m, "Methods seen", IncidentText.methods(i, 20));
    item(m, "What happened", i.what());
    item(m, "Confidence", i.confidence().label());
    item(m, "Controls", i.controls().summary());
    for (EvidenceSample s : i.evidence()) {
      m.append("\n**").append(inline(IncidentText.sample(s))).append("**\n\n");
      if (s.sentence() != null) m.append("> ").append(block(s.sentence())).append("\n\n");
      m.append("| fact | what the record shows |\n|---|---|\n");
      for (EvidenceText.Row row : EvidenceText.rows(s)) {
        m.append("| ").append(cell(row.label())).append(" | ").append(cell(row.value())).append(" |\n");
      }
    }
  }

  private static void footer(StringBuilder m, Footer f) {
    m.append("\n---\n\n## About this report\n\n");
    m.append(block(f.made())).append("\n\n").append(block(f.input())).append("\n\n");
    if (f.skipped() != null) {
      m.append(block(f.skipped())).append("\n\n");
      for (String reason : f.reasons()) m.append("- ").append(block(reason)).append('\n');
      if (!f.reasons().isEmpty()) m.append('\n');
    }
    m.append(block(f.classifiers())).append("\n\n").append(block(f.rules())).append("\n\n");
    m.append("How each verdict is decided: [").append(Footer.METHOD_PATH).append("](").append(Footer.METHOD_PATH)
        .append(").\n");
  }

  private static void item(StringBuilder m, String name, String value) {
    m.append("- **").append(inline(name)).append(":** ").append(inline(value)).append('\n');
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

  /** Text inside a fenced block is shown as it is; only line breaks are taken out. */
  private static String code(String s) {
    return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
  }

  /**
   * Text from the data for any place in a line, a table cell included: {@link MarkdownText#cell}. Kept for
   * callers written before MarkdownText (it escapes {@code |} too, which renders as itself outside a table).
   */
  static String md(String s) {
    return MarkdownText.cell(s);
  }

  /** A backtick fence longer than any run of backticks in the text, so no name can close it. */
  static String fence(CharSequence text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
