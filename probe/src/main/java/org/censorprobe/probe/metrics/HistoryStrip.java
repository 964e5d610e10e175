package org.censorprobe.probe.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;

/**
 * A platform's rounds of the last 24 hours as at most {@code maxCells} cells, newest on the right. One round per
 * cell while they fit; beyond that, consecutive rounds share a cell (counted from the newest, so the newest cell is
 * always the latest round alone or with its predecessors), and a shared cell shows the verdict that needs the
 * most attention among them, with every count in its description: a cell never claims more than its rounds.
 */
final class HistoryStrip {
  /** One cell: its rounds' time span, the verdict it shows, that verdict's method, and every verdict's count. */
  record Cell(Instant from, Instant to, Verdict shown, Method method, Map<Verdict, Integer> counts) {
    Cell {
      counts = Map.copyOf(counts);
    }

    int rounds() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private HistoryStrip() {}

  /** @param beats oldest first; those before {@code since} are left out */
  static List<Cell> cells(List<StatusBoard.Beat> beats, Instant since, int maxCells) {
    List<StatusBoard.Beat> in = beats.stream().filter(b -> !b.at().isBefore(since)).toList();
    int per = Math.max(1, (in.size() + maxCells - 1) / maxCells);
    List<Cell> out = new ArrayList<>();
    for (int end = in.size(); end > 0; end -= per) {
      out.add(0, cell(in.subList(Math.max(0, end - per), end)));
    }
    return out;
  }

  private static Cell cell(List<StatusBoard.Beat> rounds) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    StatusBoard.Beat shown = null;
    for (StatusBoard.Beat b : rounds) {
      counts.merge(b.verdict(), 1, Integer::sum);
      // The verdict that needs the most attention, and of those the latest (its method is the current one).
      if (shown == null || b.verdict().attention() >= shown.verdict().attention()) shown = b;
    }
    return new Cell(rounds.get(0).at(), rounds.get(rounds.size() - 1).at(), shown.verdict(), shown.method(), counts);
  }
}
