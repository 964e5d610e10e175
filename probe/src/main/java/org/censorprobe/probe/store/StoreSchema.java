package org.censorprobe.probe.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables: an interface the reporter reads (docs/measurement-format.md, "The store"). Version 1 is
 * {@code PRAGMA user_version = 1}; a store with a newer version was written by a newer probe whose meaning we
 * do not know, so we refuse it rather than write rows it would misread.
 */
final class StoreSchema {
  static final int VERSION = 1;

  private static final List<String> DDL = List.of(
      "CREATE TABLE IF NOT EXISTS measurements ("
          + "id TEXT PRIMARY KEY, round_id TEXT NOT NULL, measured_at INTEGER NOT NULL, probe TEXT NOT NULL, "
          + "role TEXT NOT NULL, platform TEXT NOT NULL, endpoint TEXT NOT NULL, verdict TEXT NOT NULL, "
          + "method TEXT, record TEXT NOT NULL)",
      // Covering index: the reporter streams these columns over months of rows and reads `record` only for the
      // rounds it quotes; its measured_at prefix also serves export and retention range scans.
      "CREATE INDEX IF NOT EXISTS measurements_report ON measurements(measured_at, probe, platform, role, round_id, "
          + "endpoint, verdict, method)",
      "CREATE INDEX IF NOT EXISTS measurements_platform_measured_at ON measurements(platform, measured_at)",
      "CREATE INDEX IF NOT EXISTS measurements_round_id ON measurements(round_id)");

  private StoreSchema() {}

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /** Refuses a newer store; creates or completes version 1 in one transaction. */
  static void migrate(Connection c, String where) throws SQLException {
    int found = userVersion(c);
    refuseNewer(found, where);
    if (found == VERSION) return;
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String ddl : DDL) s.execute(ddl);
      s.execute("PRAGMA user_version = " + VERSION);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  static void refuseNewer(int found, String where) {
    if (found > VERSION) {
      throw new StoreException(where + ": store schema version " + found + " is newer than this probe's ("
          + VERSION + "); refusing to open it (upgrade the probe, or point --store elsewhere)");
    }
  }
}
