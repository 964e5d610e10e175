package org.censorprobe.probe.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as an outbox: order, marks, and the rule that nothing undelivered is ever deleted. */
class OutboxTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final List<String> TEN = endpoints(10);

  @TempDir Path dir;

  private static List<String> endpoints(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) out.add("tcp://127.0.0.1:" + i);
    return out;
  }

  private static List<String> ids(List<OutboxRow> rows) {
    return rows.stream().map(OutboxRow::id).toList();
  }

  @Test
  void pendingRowsComeOutInRowidOrderAndLeaveWhenMarked() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      List<Measurement> r1 = TestMeasurements.round("p", TEN, Verdict.OK, NOW.minusSeconds(600));
      List<Measurement> r2 = TestMeasurements.round("p", TEN, Verdict.OK, NOW.minusSeconds(300));
      store.storeRound(r1);
      store.storeRound(r2);
      Outbox o = store.outbox();
      List<OutboxRow> first = o.nextNew(0, 15);
      assertEquals(r1.stream().map(Measurement::id).toList(), ids(first).subList(0, 10));
      assertEquals(r2.get(0).id(), first.get(10).id());
      assertEquals(5, o.nextNew(first.get(14).rowid(), 15).size(), "keyset paging goes on from the last rowid");
      o.markDelivered(first);
      assertEquals(5, o.state().pending());
      assertEquals(NOW.minusSeconds(300), o.state().oldestPending());
      assertEquals(ids(o.nextNew(0, 100)), r2.subList(5, 10).stream().map(Measurement::id).toList());
    }
  }

  @Test
  void aRowReJudgedAfterItWasReadIsStillPendingAfterTheMark() throws Exception {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      store.storeRound(TestMeasurements.round("p", TEN.subList(0, 2), Verdict.OK, NOW));
      Outbox o = store.outbox();
      List<OutboxRow> sent = o.nextNew(0, 10);
      // probe reclassify writes while the upload is in flight
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file()); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE measurements SET revision = 1, verdict = 'technical' WHERE id = '" + sent.get(0).id() + "'");
      }
      o.markDelivered(sent);
      assertEquals(1, o.state().pending(), "delivered in revision 0, now at 1: pending again");
      List<OutboxRow> rejudged = o.nextRejudged(0, 10);
      assertEquals(List.of(sent.get(0).id()), ids(rejudged));
      assertEquals(1, rejudged.get(0).revision());
      assertTrue(o.nextNew(0, 10).isEmpty());
      o.markDelivered(rejudged);
      assertEquals(0, o.state().pending());
    }
  }

  @Test
  void retentionNeverDeletesAnUndeliveredRow() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      store.limits(new StoreLimits(0, true));
      store.storeRound(TestMeasurements.round("p", TEN, Verdict.OK, NOW.minus(Duration.ofDays(200))));
      store.storeRound(TestMeasurements.round("p", TEN, Verdict.OK, NOW.minus(Duration.ofDays(100))));
      Outbox o = store.outbox();
      o.markDelivered(o.nextNew(0, 10)); // the older round only
      Retention r = new Retention(store, Duration.ofDays(90), Clock.fixed(NOW, ZoneOffset.UTC));
      assertEquals(10, r.pruneNow(), "the delivered old round goes");
      assertEquals(0, r.pruneNow());
      assertEquals(10, o.state().pending(), "the undelivered old round stays, however old");
      store.limits(StoreLimits.NONE);
      assertEquals(10, r.pruneNow(), "without an outbox, retention is by age alone");
    }
  }

  @Test
  void atTheCapDeliveredRowsGoFirstAndThenRoundsAreRefusedNotOldRowsDeleted() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      List<String> many = endpoints(200);
      store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.minusSeconds(3)));
      long oneRound = store.status().usedBytes();
      store.limits(new StoreLimits(oneRound * 3, true));
      store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.minusSeconds(2)));
      Outbox o = store.outbox();
      List<OutboxRow> oldest = o.nextNew(0, 200);
      o.markDelivered(oldest);
      int stored = 0;
      StoreFullException full = null;
      for (int i = 0; i < 10 && full == null; i++) {
        try {
          store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.plusSeconds(i)));
          stored++;
        } catch (StoreFullException e) {
          full = e;
        }
      }
      assertTrue(full != null, "a round is refused at the cap");
      assertTrue(full.getMessage().contains("undelivered"), full.getMessage());
      assertTrue(store.status().full());
      assertTrue(store.status().cappedRows() >= 200, "the delivered round was deleted early to make room");
      assertEquals(200 + stored * 200, o.state().pending(), "every undelivered row is still there");
      assertTrue(store.status().usedBytes() <= oneRound * 3);
      o.markDelivered(o.nextNew(0, 10_000));
      store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.plusSeconds(100)));
      assertFalse(store.status().full(), "delivered rows make room again");
    }
  }

  @Test
  void withoutAnOutboxTheCapDeletesTheOldest() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      List<String> many = endpoints(200);
      store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.minusSeconds(10)));
      long oneRound = store.status().usedBytes();
      store.limits(new StoreLimits(oneRound * 3, false));
      for (int i = 0; i < 8; i++) store.storeRound(TestMeasurements.round("p", many, Verdict.OK, NOW.plusSeconds(i)));
      assertTrue(store.status().usedBytes() <= oneRound * 3);
      assertTrue(store.status().cappedRows() > 0);
      assertFalse(store.status().full());
    }
  }

  @Test
  void failuresOfOneReasonAreOneEpisodeAndAnotherReasonOpensAnother() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      Outbox o = store.outbox();
      assertTrue(o.failed(NOW, "connect_timeout", "connect timed out"));
      assertFalse(o.failed(NOW.plusSeconds(10), "connect_timeout", "connect timed out"));
      assertTrue(o.failed(NOW.plusSeconds(20), "auth", "password authentication failed"));
      assertTrue(o.undeliveredFailures().size() == 1, "the first episode ended when the reason changed");
      UploadFailure ended = o.recovered(NOW.plusSeconds(30));
      assertEquals("auth", ended.reason());
      List<UploadFailure> all = o.failures();
      assertEquals(2, all.size());
      assertEquals(2, all.get(0).attempts());
      assertEquals(NOW.plusSeconds(20), all.get(0).endedAt());
      assertEquals(NOW.plusSeconds(30), all.get(1).endedAt());
      o.markFailuresDelivered(o.undeliveredFailures());
      assertTrue(o.undeliveredFailures().isEmpty());
    }
  }
}
