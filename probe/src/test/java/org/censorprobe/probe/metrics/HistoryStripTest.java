package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.junit.jupiter.api.Test;

class HistoryStripTest {
  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  private static List<StatusBoard.Beat> beats(List<Verdict> verdicts) {
    List<StatusBoard.Beat> out = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      out.add(new StatusBoard.Beat(T0.plusSeconds(60L * i), v, v == Verdict.OK ? null : Method.TCP_TIMEOUT));
    }
    return out;
  }

  @Test
  void oneCellPerRoundWhileTheyFitAndOlderRoundsLeftOut() {
    var cells = HistoryStrip.cells(beats(List.of(Verdict.BLOCKED, Verdict.OK, Verdict.TECHNICAL)), T0.plusSeconds(30), 96);
    assertEquals(List.of(Verdict.OK, Verdict.TECHNICAL), cells.stream().map(HistoryStrip.Cell::shown).toList());
  }

  @Test
  void sharedCellsCountFromTheNewestAndShowTheVerdictNeedingMostAttention() {
    var cells = HistoryStrip.cells(beats(List.of(Verdict.OK, Verdict.OK, Verdict.INCONCLUSIVE, Verdict.OK,
        Verdict.BLOCKED)), T0, 3);
    // Two rounds a cell, counted from the newest: [ok] [ok, inconclusive] [ok, blocked].
    assertEquals(List.of(Verdict.OK, Verdict.INCONCLUSIVE, Verdict.BLOCKED),
        cells.stream().map(HistoryStrip.Cell::shown).toList());
    assertEquals(List.of(1, 2, 2), cells.stream().map(HistoryStrip.Cell::rounds).toList());
    assertEquals(Map.of(Verdict.OK, 1, Verdict.BLOCKED, 1), cells.get(2).counts());
    assertEquals(T0.plusSeconds(4 * 60), cells.get(2).to());
  }

  @Property
  void noRoundIsLostOrCountedTwiceAndNoCellClaimsMoreThanItsRounds(
      @ForAll @Size(max = 400) List<Verdict> verdicts, @ForAll @IntRange(min = 1, max = 120) int maxCells) {
    var cells = HistoryStrip.cells(beats(verdicts), T0, maxCells);
    assertEquals(verdicts.size(), cells.stream().mapToInt(HistoryStrip.Cell::rounds).sum());
    for (var c : cells) {
      int worst = c.counts().keySet().stream().mapToInt(Verdict::attention).max().orElseThrow();
      assertEquals(worst, c.shown().attention(), "a cell shows the worst verdict it holds, and only one it holds");
      for (Map.Entry<Verdict, Integer> e : c.counts().entrySet()) assertEquals(true, e.getValue() > 0);
    }
    assertEquals(true, cells.size() <= maxCells);
  }

  @Test
  void timesAreReadableUtcAndAgo() {
    Instant t = Instant.parse("2026-11-22T14:03:12.123456789Z");
    assertEquals("2026-11-22 14:03:12 UTC", PageTime.utc(t));
    assertEquals("14:03 UTC", PageTime.clock(t));
    assertEquals("just now", PageTime.ago(t, t));
    assertEquals("just now", PageTime.ago(t, t.minusSeconds(5)), "a clock stepped back is not the future");
    assertEquals("42 s ago", PageTime.ago(t, t.plusSeconds(42)));
    assertEquals("5 min ago", PageTime.ago(t, t.plus(Duration.ofSeconds(5 * 60 + 59))));
    assertEquals("3 h ago", PageTime.ago(t, t.plus(Duration.ofHours(3))));
    assertEquals("2 days ago", PageTime.ago(t, t.plus(Duration.ofDays(2))));
  }
}
