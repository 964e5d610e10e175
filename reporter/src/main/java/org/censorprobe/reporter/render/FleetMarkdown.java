package org.censorprobe.reporter.render;

import static org.censorprobe.reporter.render.MarkdownText.block;
import static org.censorprobe.reporter.render.MarkdownText.cell;
import static org.censorprobe.reporter.render.MarkdownText.inline;

import java.util.List;
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
import org.censorprobe.reporter.read.Status;

/**
 * The fleet view and the arrival of late data as Markdown: sentences, and the matrix as a table. Text from the
 * data goes through {@link MarkdownText}, as in the rest of the report; what the rows came from is in the footer.
 */
final class FleetMarkdown {
  /** Columns of a matrix cell's strip: two of the view's columns each, so a table row stays readable. */
  static final int STRIP = FleetBuilder.COLUMNS / 2;

  private FleetMarkdown() {}

  /** Whether the central store may still be receiving the window's rows (nothing without a central store). */
  static void arrival(StringBuilder m, Report r) {
    Arrival a = r.arrival();
    if (a == null) return;
    m.append("**Late-arriving data** (the central store's clock: ").append(inline(TimeText.instant(a.serverNow())))
        .append(" UTC): ").append(a.stillArriving() ? "data for this window may still be arriving."
            : "as far as each probe's schedule tells, this window's data has arrived.").append("\n\n");
    for (Arrival.ProbeLine p : a.probes()) m.append("- ").append(block(p.sentence())).append('\n');
    m.append('\n');
  }

  static void fleet(StringBuilder m, Report r) {
    FleetView f = r.fleet();
    if (f == null) return;
    m.append("## Fleet: ").append(Plural.count(f.networks().size(), "network")).append("\n\n");
    m.append("### Across networks\n\n");
    if (f.events().isEmpty()) m.append("No platform was blocked on any network in this period.\n");
    for (FleetEvent e : f.events()) {
      m.append("- **").append(inline(e.id())).append("** ").append(inline(e.headline())).append('\n');
      for (FleetEvent.PlatformStances p : e.platforms()) {
        for (NetworkStance s : p.networks()) {
          m.append("  - ").append(block(p.platformName() + " on " + FleetBuilder.name(f, s.network()) + ": "
              + stance(s))).append('\n');
        }
      }
    }
    m.append("\n### Platforms by network\n\n");
    m.append("One character is ").append(inline(TimeText.duration(java.time.Duration.between(f.columns().get(0),
        f.columns().get(f.columns().size() - 1)).dividedBy(STRIP)))).append(" from ")
        .append(inline(TimeText.instant(f.columns().get(0)))).append(" to ")
        .append(inline(TimeText.instant(f.columns().get(f.columns().size() - 1)))).append(" UTC: `#` blocked,")
        .append(" `~` technical, `?` inconclusive, `.` ok, `x` the probe's own network failed (its controls did),")
        .append(" `_` no data; the most severe state in a stretch shows.\n\n");
    m.append("| platform |");
    for (ProbeIdentity n : f.networks()) m.append(' ').append(cell(FleetBuilder.name(f, n))).append(" |");
    m.append("\n|---|");
    for (int i = 0; i < f.networks().size(); i++) m.append("---|");
    m.append('\n');
    for (FleetView.MatrixRow row : f.matrix()) {
      m.append("| ").append(cell(row.platformName())).append(" |");
      for (FleetView.MatrixCell c : row.cells()) {
        if (!c.measured()) {
          m.append(" not measured |");
          continue;
        }
        m.append(" `").append(strip(c.columns())).append("` ").append(cell(counts(c))).append(" |");
      }
      m.append('\n');
    }
    m.append('\n');
  }

  static String stance(NetworkStance s) {
    String when = s.kind() == NetworkStance.Kind.BLOCKED ? " " + TimeText.span(s.from(), s.to()) : "";
    String rounds = switch (s.kind()) {
      case BLOCKED -> " (" + Plural.count(s.failingRounds(), "failing round") + ")";
      case REACHABLE -> ", ok in " + (s.okRounds() == 1 ? "its one round" : Plural.every(s.okRounds(), "round"))
          + (s.noData().isZero() ? ""
          : "; no data for " + TimeText.duration(s.noData()));
      case NO_DATA -> "";
      default -> "; not counted either way";
    };
    return s.what() + when + rounds + (s.kind() == NetworkStance.Kind.NO_DATA ? ""
        : "; controls " + s.controls().summary());
  }

  static String counts(FleetView.MatrixCell c) {
    StringBuilder b = new StringBuilder();
    for (Status s : List.of(Status.OK, Status.BLOCKED, Status.TECHNICAL, Status.INCONCLUSIVE)) {
      int n = c.rounds().getOrDefault(s, 0);
      if (n == 0) continue;
      if (b.length() > 0) b.append(", ");
      b.append(n).append(' ').append(s.label());
    }
    return b.length() == 0 ? "no rounds" : b.toString();
  }

  private static String strip(List<FleetState> columns) {
    StringBuilder b = new StringBuilder(STRIP);
    int per = columns.size() / STRIP;
    for (int i = 0; i < STRIP; i++) {
      FleetState worst = FleetState.NO_DATA;
      for (int k = i * per; k < (i + 1) * per; k++) if (columns.get(k).severity() > worst.severity()) worst = columns.get(k);
      b.append(symbol(worst));
    }
    return b.toString();
  }

  static char symbol(FleetState s) {
    return switch (s) {
      case BLOCKED -> '#';
      case TECHNICAL -> '~';
      case INCONCLUSIVE -> '?';
      case OK -> '.';
      case CONTROLS_FAILED -> 'x';
      case NO_DATA -> '_';
    };
  }
}
