package org.censorprobe.probe.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 1 to the current one on a store written by the probe before version 2 existed (store/v1-loopback.db: one daemon round
 * against loopback peers, made with the code of main at 537024e; its config is beside it).
 */
class StoreMigrationTest {
  @TempDir Path dir;

  private Path fixture() throws Exception {
    Path db = dir.resolve("v1.db");
    try (InputStream in = getClass().getResourceAsStream("/store/v1-loopback.db")) {
      Files.copy(in, db);
    }
    return db;
  }

  private static Map<String, String> rows(Path db, String columns) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT id, " + columns + " FROM measurements ORDER BY rowid")) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 2; i <= n; i++) b.append(r.getString(i)).append('|');
        out.put(r.getString(1), b.toString());
      }
    }
    return out;
  }

  private static int userVersion(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("PRAGMA user_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void aStoreWrittenByTodaysProbeMovesToVersion2WithEveryRowPendingAndUnchanged() throws Exception {
    Path db = fixture();
    assertEquals(1, userVersion(db));
    String v1Columns = "round_id, measured_at, probe, role, platform, endpoint, verdict, method, record";
    Map<String, String> before = rows(db, v1Columns);
    assertEquals(4, before.size());
    try (MeasurementStore store = MeasurementStore.open(db)) {
      assertEquals(before, rows(db, v1Columns), "the rows as they were");
      assertEquals(List.of("0|null|null|", "0|null|null|", "0|null|null|", "0|null|null|"),
          new ArrayList<>(rows(db, "revision, classifier, delivered_revision").values()),
          "revision 0, classifier unknown, never delivered");
      OutboxState state = store.outbox().state();
      assertEquals(4, state.pending(), "everything measured before the outbox existed is pending");
      assertEquals(4, store.outbox().nextNew(0, 10).size());
      assertTrue(store.outbox().failures().isEmpty());
      List<StoredMeasurement> read = new ArrayList<>();
      store.read(Instant.EPOCH, Instant.now().plusSeconds(60), null, read::add);
      assertEquals(4, read.size(), "export reads the migrated store");
    }
    assertEquals(StoreSchema.VERSION, userVersion(db));
    try (MeasurementStore again = MeasurementStore.open(db)) {
      assertEquals(4, again.outbox().state().pending(), "opening a version-2 store changes nothing");
    }
  }

  @Test
  void version3CountsWhoJudgedAPeriodFromTheIndexAlone() throws Exception {
    Path db = fixture();
    MeasurementStore.open(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT name FROM pragma_index_info('measurements_report') ORDER BY seqno")) {
        while (r.next()) columns.add(r.getString(1));
      }
      assertEquals(List.of("measured_at", "probe", "platform", "role", "round_id", "endpoint", "verdict", "method",
          "classifier", "revision"), columns);
      // The reporter's footer query over a period (reporter read.StoreClassifiers): the whole table before version 3.
      StringBuilder plan = new StringBuilder();
      try (ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN SELECT classifier, count(*), sum(revision > 0) FROM"
          + " measurements WHERE measured_at >= 0 AND measured_at < 9999999999999"
          + " AND verdict IN ('ok', 'blocked', 'technical', 'inconclusive') GROUP BY classifier")) {
        while (r.next()) plan.append(r.getString("detail")).append('\n');
      }
      assertTrue(plan.toString().contains("COVERING INDEX measurements_report"), plan.toString());
    }
  }

  @Test
  void aMigrationThatFailsHalfwayLeavesTheStoreAsItWas() throws Exception {
    Path db = fixture();
    // Something in the way of the last step: the migration must fail, and undo its first steps.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE upload_failures (x INTEGER)");
    }
    assertThrows(StoreException.class, () -> MeasurementStore.open(db).close());
    assertEquals(1, userVersion(db));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT count(*) FROM pragma_table_info('measurements') WHERE name IN"
             + " ('revision', 'classifier', 'delivered_revision')")) {
      r.next();
      assertEquals(0, r.getInt(1), "no column of version 2 was left behind");
    }
  }

  @Test
  void aNewerStoreIsRefusedAndLeftAlone() throws Exception {
    Path db = fixture();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (StoreSchema.VERSION + 1));
    }
    StoreException e = assertThrows(StoreException.class, () -> MeasurementStore.open(db).close());
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
    assertEquals(StoreSchema.VERSION + 1, userVersion(db));
  }

  @Test
  void aNewStoreIsCreatedAtTheCurrentVersion() throws Exception {
    Path db = dir.resolve("new.db");
    try (MeasurementStore store = MeasurementStore.open(db, "censorprobe test")) {
      store.storeRound(TestMeasurements.round("p", List.of("tcp://127.0.0.1:1"), org.censorprobe.format.interpret.Verdict.OK,
          Instant.now()));
      assertEquals(1, store.outbox().state().pending());
    }
    assertEquals(StoreSchema.VERSION, userVersion(db));
    // The classifier column names the version the record's judgement names.
    assertEquals(List.of("0|" + org.censorprobe.probe.classify.Classifier.VERSION + "|null|"),
        new ArrayList<>(rows(db, "revision, classifier, delivered_revision").values()));
  }
}
