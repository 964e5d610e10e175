package org.censorprobe.probe.rejudge;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.store.MeasurementStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe reclassify} killed with SIGKILL in the middle of a store: no round is left half re-judged, and the
 * run started again finishes the work with every record re-judged exactly once.
 */
@Timeout(300)
class RejudgeKillTest {
  static final int COPIES = 300;

  @TempDir Path dir;

  @Test
  @DisplayName("SIGKILL in the middle: every round whole, old or new; a second run completes it, once per record")
  void killedInTheMiddle() throws Exception {
    RejudgerTest.measure();
    Path file = dir.resolve("store.db");
    List<Measurement> all = new ArrayList<>();
    try (MeasurementStore s = MeasurementStore.open(file)) {
      Instant t = Instant.parse("2026-05-01T00:00:00Z");
      for (int i = 0; i < COPIES; i++) {
        List<Measurement> round = RejudgerTest.ROUNDS.get(i % 3);
        String roundId = UUID.randomUUID().toString();
        Instant at = t.plus(Duration.ofMinutes(5L * i));
        List<Measurement> copy = new ArrayList<>();
        for (Measurement m : round) {
          if (m.role() == Role.RESOLVER) continue;
          copy.add(RejudgerTest.asOldClassifierJudged(new Measurement(UUID.randomUUID().toString(), roundId, at,
              m.probe(), m.role(), m.platform(), m.platformName(), m.domestic(), m.endpoint(), m.resolverRole(),
              m.expect(), m.steps(), m.judgement(), m.previous())));
        }
        all.addAll(copy);
      }
      s.storeRound(all); // one transaction: the fixture, not the subject
    }

    Process p = reclassify(dir, file);
    // Killed once some rounds are written and before all are: the store is polled, no time is guessed.
    long rejudged = 0;
    while (p.isAlive()) {
      rejudged = count(file, "SELECT COUNT(*) FROM measurements WHERE revision > 0 AND role = 'platform'");
      if (rejudged > 0) break;
      Thread.onSpinWait();
    }
    p.destroyForcibly().waitFor();
    assertRoundsWhole(file);

    Process again = reclassify(dir, file);
    String out = new String(again.getInputStream().readAllBytes());
    assertEquals(0, again.waitFor(), out);
    assertRoundsWhole(file);
    assertEquals(2L * COPIES, count(file, "SELECT COUNT(*) FROM measurements WHERE role = 'platform'"
        + " AND revision = 1 AND verdict = 'ok'"), out);
    assertEquals(0, count(file, "SELECT COUNT(*) FROM measurements WHERE revision > 1"), "none re-judged twice");
  }

  /** The real verb in its own JVM; run where there is no targets.yaml, so the built-in settings judge. */
  static Process reclassify(Path workDir, Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.censorprobe.probe.cli.Main", "reclassify", "--store", file.toString())
        .directory(workDir.toFile()).redirectErrorStream(true).start();
  }

  /** Each round's platform records are all at revision 0 (not reached) or all at 1 (re-judged). */
  static void assertRoundsWhole(Path file) throws Exception {
    Map<String, Set<Integer>> byRound = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT round_id, revision FROM measurements WHERE role = 'platform'")) {
      while (r.next()) byRound.computeIfAbsent(r.getString(1), k -> new java.util.TreeSet<>()).add(r.getInt(2));
    }
    byRound.forEach((round, revisions) -> assertEquals(1, revisions.size(), "round " + round + ": " + revisions));
  }

  static long count(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      try (ResultSet r = s.executeQuery(sql)) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }
}
