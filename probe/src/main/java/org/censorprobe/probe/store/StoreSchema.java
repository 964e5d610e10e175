package org.censorprobe.probe.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables: an interface the reporter reads (docs/measurement-format.md, "The store"), versioned by
 * {@code PRAGMA user_version}. A store with a newer version was written by a newer probe whose meaning we do not
 * know, so we refuse it rather than write rows it would misread. Older stores move forward, never back, one
 * version after the other, all in one transaction: a kill in the middle leaves the store as it was.
 *
 * <ul>
 *   <li>1: {@code measurements} and the reporter's covering index.
 *   <li>2: the outbox. {@code revision} (bumped each time a record is re-judged), {@code classifier} (who made
 *       the current verdict; null for rows written before version 2), {@code delivered_revision} (the revision
 *       the central store has; null: never delivered). A row is pending while
 *       {@code delivered_revision IS NULL OR delivered_revision < revision}. And {@code upload_failures}: the
 *       episodes when the central store could not be reached, kept as facts about the path.
 *   <li>3: the reporter's covering index holds {@code classifier} and {@code revision} too, so that the report's
 *       count of who judged the period's rows is an index scan like the report's stream (it read the whole table:
 *       4 s for 300,000 rows). Rebuilding the index is the one cost of this step, once, at the first start.
 * </ul>
 */
final class StoreSchema {
  static final int VERSION = 3;

  /** The predicate of a row the central store does not have in its current revision. */
  static final String PENDING = "(delivered_revision IS NULL OR delivered_revision < revision)";

  private static final List<String> V1 = List.of(
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

  private static final List<String> V2 = List.of(
      // ADD COLUMN with a constant default rewrites nothing: instant on a store of millions of rows.
      "ALTER TABLE measurements ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE measurements ADD COLUMN classifier TEXT",
      "ALTER TABLE measurements ADD COLUMN delivered_revision INTEGER",
      // Only pending rows are in it, so it stays as small as the outbox. Never-delivered rows share the key
      // NULL, so they come out of it in rowid order: the uploader's main query is a range scan.
      "CREATE INDEX measurements_outbox ON measurements(delivered_revision) WHERE " + PENDING,
      "CREATE TABLE upload_failures ("
          + "id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, last_failed_at INTEGER NOT NULL, "
          + "ended_at INTEGER, attempts INTEGER NOT NULL, reason TEXT NOT NULL, detail TEXT, "
          + "delivered INTEGER NOT NULL DEFAULT 0)");

  private static final List<String> V3 = List.of(
      "DROP INDEX IF EXISTS measurements_report",
      "CREATE INDEX measurements_report ON measurements(measured_at, probe, platform, role, round_id, endpoint, "
          + "verdict, method, classifier, revision)");

  private StoreSchema() {}

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /** The statements that take a store from {@code found} to {@link #VERSION}. */
  static List<String> steps(int found) {
    List<String> out = new ArrayList<>();
    if (found < 1) out.addAll(V1);
    if (found < 2) out.addAll(V2);
    if (found < 3) out.addAll(V3);
    return out;
  }

  /** Refuses a newer store; moves an older one forward to {@link #VERSION} in one transaction. */
  static void migrate(Connection c, String where) throws SQLException {
    int found = userVersion(c);
    refuseNewer(found, where);
    if (found == VERSION) return;
    try (Statement s = c.createStatement()) {
      // IMMEDIATE: the write lock first, then the version read again, so two processes opening the same old
      // store migrate it once.
      s.execute("BEGIN IMMEDIATE");
      try {
        int now = userVersion(c);
        refuseNewer(now, where);
        for (String ddl : steps(now)) s.execute(ddl);
        s.execute("PRAGMA user_version = " + VERSION);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    }
  }

  static void refuseNewer(int found, String where) {
    if (found > VERSION) {
      throw new StoreException(where + ": store schema version " + found + " is newer than this probe's ("
          + VERSION + "); refusing to open it (upgrade the probe, or point --store elsewhere)");
    }
  }
}
