package org.censorprobe.probe.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.censorprobe.format.json.MeasurementCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

  @TempDir Path dir;

  @Test
  void storesARoundAndReadsBackTheExactRecordsInTimeOrder() {
    Path file = dir.resolve("nested/censorprobe.db");
    List<Measurement> late = TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.BLOCKED, T0.plusSeconds(60));
    List<Measurement> early = TestMeasurements.round("facebook",
        List.of("tcp://127.0.0.1:2", "tcp://127.0.0.1:3"), Verdict.OK, T0);
    try (MeasurementStore store = MeasurementStore.open(file)) {
      assertEquals(1, store.storeRound(late));
      assertEquals(2, store.storeRound(early));
      List<StoredMeasurement> all = new ArrayList<>();
      store.read(T0, T0.plusSeconds(3600), null, all::add);
      assertEquals(3, all.size());
      assertEquals(T0, all.get(0).measuredAt());
      assertEquals("youtube", all.get(2).platform());
      assertEquals("blocked", all.get(2).verdict());
      assertEquals("tcp.refused", all.get(2).method());
      assertEquals(MeasurementCodec.toJson(late.get(0)), all.get(2).record());

      List<StoredMeasurement> fb = new ArrayList<>();
      store.read(T0, T0.plusSeconds(3600), "facebook", fb::add);
      assertEquals(2, fb.size());
      List<StoredMeasurement> window = new ArrayList<>();
      store.read(T0.plusSeconds(1), T0.plusSeconds(60), null, window::add);
      assertEquals(0, window.size(), "to is exclusive, from inclusive");
    }
  }

  @Test
  void readerSeesCommittedRoundsAndRefusesAMissingStore() {
    Path file = dir.resolve("c.db");
    try (MeasurementStore store = MeasurementStore.open(file)) {
      store.storeRound(TestMeasurements.round("x", List.of("tcp://127.0.0.1:1"), Verdict.OK, T0));
      try (StoreReader reader = MeasurementStore.openReader(file)) {
        List<StoredMeasurement> got = new ArrayList<>();
        reader.read(T0.minusSeconds(1), T0.plusSeconds(1), null, got::add);
        assertEquals(1, got.size());
      }
    }
    assertThrows(StoreException.class, () -> MeasurementStore.openReader(dir.resolve("missing.db")));
  }

  @Test
  void walModeWithFullSyncAndTheCurrentSchemaVersion() throws Exception {
    Path file = dir.resolve("w.db");
    try (MeasurementStore store = MeasurementStore.open(file)) {
      assertEquals("wal", store.journalMode());
      assertEquals("2", store.pragma("synchronous"), "FULL");
      assertEquals(String.valueOf(StoreSchema.VERSION), store.pragma("user_version"));
    }
    // The mode is persistent: another connection (the reporter's) sees WAL too.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      var r = s.executeQuery("PRAGMA journal_mode");
      r.next();
      assertEquals("wal", r.getString(1));
    }
  }

  @Test
  void refusesAStoreWithANewerSchemaAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("newer.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE future(x)");
      s.execute("PRAGMA user_version = " + (StoreSchema.VERSION + 1));
    }
    StoreException e = assertThrows(StoreException.class, () -> MeasurementStore.open(file));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
    assertThrows(StoreException.class, () -> MeasurementStore.openReader(file));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      var r = s.executeQuery("PRAGMA journal_mode");
      r.next();
      assertEquals("delete", r.getString(1), "the newer store was not switched to WAL");
    }
  }

  @Test
  void retentionDeletesOnlyOlderMeasurementsInBatches() {
    Path file = dir.resolve("r.db");
    Instant now = T0.plus(Duration.ofDays(100));
    try (MeasurementStore store = MeasurementStore.open(file)) {
      List<String> many = new ArrayList<>();
      for (int i = 1; i <= Retention.BATCH + 7; i++) many.add("tcp://127.0.0.1:" + i);
      store.storeRound(TestMeasurements.round("old", many, Verdict.OK, T0));
      store.storeRound(TestMeasurements.round("new", List.of("tcp://127.0.0.1:9"), Verdict.OK, now.minusSeconds(60)));
      Retention retention = new Retention(store, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC));
      assertEquals(Retention.BATCH + 7, retention.pruneNow());
      List<StoredMeasurement> left = new ArrayList<>();
      store.read(Instant.EPOCH, now, null, left::add);
      assertEquals(1, left.size());
      assertEquals("new", left.get(0).platform());
      assertEquals(0, retention.pruneNow());
    }
  }

  @Test
  void aFailedRoundStoresNothingOfIt() {
    Path file = dir.resolve("f.db");
    try (MeasurementStore store = MeasurementStore.open(file)) {
      List<Measurement> round = TestMeasurements.round("p", List.of("tcp://127.0.0.1:1", "tcp://127.0.0.1:2"),
          Verdict.OK, T0);
      store.storeRound(round);
      // Same round again plus a broken row (null verdict column): the whole transaction rolls back.
      List<Measurement> bad = new ArrayList<>(TestMeasurements.round("p", List.of("tcp://127.0.0.1:3"), Verdict.OK, T0));
      Measurement m = bad.get(0);
      bad.add(new Measurement(m.id() + "-2", m.roundId(), m.measuredAt(), m.probe(), m.role(), null,
          m.platformName(), false, m.endpoint(), null, null, m.observations(), m.judgement(), List.of()));
      assertThrows(RuntimeException.class, () -> store.storeRound(bad));
      List<StoredMeasurement> all = new ArrayList<>();
      store.read(Instant.EPOCH, T0.plusSeconds(1), null, all::add);
      assertEquals(2, all.size());
    }
  }
}
