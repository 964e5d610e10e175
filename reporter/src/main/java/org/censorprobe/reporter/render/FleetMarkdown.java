package org.censorprobe.reporter.render;

import static org.censorprobe.reporter.render.MarkdownRenderer.md;

import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetBuilder;
import org.censorprobe.reporter.fleet.FleetEvent;
import org.censorprobe.reporter.fleet.FleetState;
import org.censorprobe.reporter.fleet.FleetView;
import org.censorprobe.reporter.fleet.NetworkStance;
import org.censorprobe.reporter.incidents.Report;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.read.Status;

/** The fleet view and the arrival of late data as Markdown: sentences, and the matrix as a table. */
final class FleetMarkdown {
  /** Columns of a matrix cell's strip: two of the view's columns each, so a table row stays readable. */
  static final int STRIP = FleetBuilder.COLUMNS / 2;

  private FleetMarkdown() {}

  /** What the rows came from, then whether the central store may still be receiving them. */
  static void sourcesAndArrival(StringBuilder m, Report r) {
    if (!r.input().sources().isEmpty()) {
      m.append("Read from: ").append(md(String.join("; ", r.input().sources()))).append(".\n\n");
    }
    Arrival a = r.arrival();
    if (a == null) return;
    m.append("**Late-arriving data** (the central store's clock: ").append(md(TimeText.instant(a.serverNow())))
        .append(" UTC): ").append(a.stillArriving() ? "data for this window may still be arriving."
            : "as far as each probe's schedule tells, this window's data has arrived.").append("\n\n");
    for (Arrival.ProbeLine p : a.probes()) m.append("- ").append(md(p.sentence())).append('\n');
    m.append('\n');
  }

  static void fleet(StringBuilder m, Report r) {
    FleetView f = r.fleet();
    if (f == null) return;
    m.append("## Fleet: ").append(f.networks().size()).append(" networks\n\n");
    m.append("### Across networks\n\n");
    if (f.events().isEmpty()) m.append("No platform was blocked on any network in this period.\n");
    for (FleetEvent e : f.events()) {
      m.append("- **").append(md(e.id())).append("** ").append(md(e.headline())).append('\n');
      for (FleetEvent.PlatformStances p : e.platforms()) {
        for (NetworkStance s : p.networks()) {
          m.append("  - ").append(md(p.platformName() + " on " + FleetBuilder.name(f, s.network()) + ": "
              + stance(s))).append('\n');
        }
      }
    }
    m.append("\n### Platform × network\n\n");
    m.append("One character is ").append(md(TimeText.duration(java.time.Duration.between(f.columns().get(0),
        f.columns().get(f.columns().size() - 1)).dividedBy(STRIP)))).append(" from ")
        .append(md(TimeText.instant(f.columns().get(0)))).append(" to ")
        .append(md(TimeText.instant(f.columns().get(f.columns().size() - 1)))).append(" UTC: `#` blocked,")
        .append(" `~` technical, `?` inconclusive, `.` ok, `x` the probe's own network failed (its controls did),")
        .append(" `_` no data; the most severe state in a stretch shows.\n\n");
    m.append("| platform |");
    for (ProbeIdentity n : f.networks()) m.append(' ').append(md(FleetBuilder.name(f, n))).append(" |");
    m.append("\n|---|");
    for (int i = 0; i < f.networks().size(); i++) m.append("---|");
    m.append('\n');
    for (FleetView.MatrixRow row : f.matrix()) {
      m.append("| ").append(md(row.platformName())).append(" |");
      for (FleetView.MatrixCell c : row.cells()) {
        if (!c.measured()) {
          m.append(" not measured |");
          continue;
        }
        m.append(" `").append(strip(c.columns())).append("` ").append(md(counts(c))).append(" |");
      }
      m.append('\n');
    }
    m.append('\n');
  }

  static String stance(NetworkStance s) {
    String when = s.kind() == NetworkStance.Kind.BLOCKED ? " " + TimeText.span(s.from(), s.to()) : "";
    String rounds = switch (s.kind()) {
      case BLOCKED -> " (" + s.failingRounds() + " failing rounds)";
      case REACHABLE -> ", ok in all " + s.okRounds() + " rounds" + (s.noData().isZero() ? ""
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
