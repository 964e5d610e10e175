package org.censorprobe.probe.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store seen as an outbox (schema version 2): the rows the central store does not have in their current
 * revision, in rowid order, and the episodes of failed uploads. Every call is one short statement or
 * transaction on the store's writer, under its lock, so a round waits at most for one of them.
 *
 * <p>A row is marked delivered with the revision that was sent, and only after the central store committed
 * it: a row re-judged meanwhile ({@code revision} bumped by {@code probe reclassify}) stays pending.
 */
public final class Outbox {
  private static final String COLUMNS = "rowid, id, round_id, measured_at, probe, role, platform, endpoint, verdict,"
      + " method, revision, classifier, record";

  private final MeasurementStore store;

  Outbox(MeasurementStore store) {
    this.store = store;
  }

  /** Never-delivered rows after {@code afterRowid}, oldest rowid first. */
  public List<OutboxRow> nextNew(long afterRowid, int limit) {
    return store.withWriter("cannot read the outbox", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM measurements"
          + " WHERE delivered_revision IS NULL AND rowid > ? ORDER BY rowid LIMIT ?")) {
        ps.setLong(1, afterRowid);
        ps.setInt(2, limit);
        return rows(ps);
      }
    });
  }

  /** Rows delivered once and re-judged since, oldest rowid first. */
  public List<OutboxRow> nextRejudged(long afterRowid, int limit) {
    return store.withWriter("cannot read the outbox", c -> {
      // Through the outbox index: however large the store, only the re-judged rows are read (and sorted).
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM measurements INDEXED BY"
          + " measurements_outbox WHERE delivered_revision IS NOT NULL AND delivered_revision < revision AND rowid > ?"
          + " ORDER BY rowid LIMIT ?")) {
        ps.setLong(1, afterRowid);
        ps.setInt(2, limit);
        return rows(ps);
      }
    });
  }

  private static List<OutboxRow> rows(PreparedStatement ps) throws SQLException {
    List<OutboxRow> out = new ArrayList<>();
    try (ResultSet r = ps.executeQuery()) {
      while (r.next()) {
        out.add(new OutboxRow(r.getLong(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
            r.getInt(11), r.getString(12), r.getString(13)));
      }
    }
    return out;
  }

  /** After the central store's commit: these rows are delivered in the revision that was sent. */
  public void markDelivered(List<OutboxRow> rows) {
    if (rows.isEmpty()) return;
    store.withWriter("cannot mark rows delivered", c -> {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE measurements SET delivered_revision = ?"
          + " WHERE rowid = ? AND (delivered_revision IS NULL OR delivered_revision < ?)")) {
        for (OutboxRow row : rows) {
          ps.setInt(1, row.revision());
          ps.setLong(2, row.rowid());
          ps.setInt(3, row.revision());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        return null;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  /** Pending rows and the oldest of them (one pass over the outbox index). */
  public OutboxState state() {
    return store.withWriter("cannot read the outbox", c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT count(*), min(measured_at) FROM measurements WHERE " + StoreSchema.PENDING)) {
        r.next();
        long n = r.getLong(1);
        long oldest = r.getLong(2);
        return new OutboxState(n, r.wasNull() ? null : Instant.ofEpochMilli(oldest));
      }
    });
  }

  /**
   * Records a failed upload: extends the open episode when it failed for the same reason, else closes it and
   * opens a new one. Returns true when this failure opened an episode (worth a warning in the log).
   */
  public boolean failed(Instant at, String reason, String detail) {
    return store.withWriter("cannot record an upload failure", c -> {
      UploadFailure open = open(c);
      if (open != null && open.reason().equals(reason)) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE upload_failures SET last_failed_at = ?,"
            + " attempts = attempts + 1, detail = ? WHERE id = ?")) {
          ps.setLong(1, at.toEpochMilli());
          ps.setString(2, detail);
          ps.setLong(3, open.id());
          ps.executeUpdate();
        }
        return false;
      }
      if (open != null) close(c, open.id(), at);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO upload_failures(started_at, last_failed_at,"
          + " attempts, reason, detail) VALUES (?, ?, 1, ?, ?)")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, at.toEpochMilli());
        ps.setString(3, reason);
        ps.setString(4, detail);
        ps.executeUpdate();
      }
      return true;
    });
  }

  /** An upload succeeded: the open episode, if any, ends now. Returns it (closed), or null. */
  public UploadFailure recovered(Instant at) {
    return store.withWriter("cannot record an upload recovery", c -> {
      UploadFailure open = open(c);
      if (open == null) return null;
      close(c, open.id(), at);
      return new UploadFailure(open.id(), open.startedAt(), open.lastFailedAt(), at, open.attempts(), open.reason(),
          open.detail());
    });
  }

  /** Ended episodes the central store does not have yet. */
  public List<UploadFailure> undeliveredFailures() {
    return store.withWriter("cannot read upload failures", c -> {
      List<UploadFailure> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, started_at, last_failed_at,"
          + " ended_at, attempts, reason, detail FROM upload_failures WHERE delivered = 0 AND ended_at IS NOT NULL"
          + " ORDER BY id")) {
        while (r.next()) out.add(failure(r));
      }
      return out;
    });
  }

  /** Every episode, oldest first (tests, status). */
  public List<UploadFailure> failures() {
    return store.withWriter("cannot read upload failures", c -> {
      List<UploadFailure> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, started_at, last_failed_at,"
          + " ended_at, attempts, reason, detail FROM upload_failures ORDER BY id")) {
        while (r.next()) out.add(failure(r));
      }
      return out;
    });
  }

  public void markFailuresDelivered(List<UploadFailure> delivered) {
    if (delivered.isEmpty()) return;
    store.withWriter("cannot mark upload failures delivered", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE upload_failures SET delivered = 1 WHERE id = ?")) {
        for (UploadFailure f : delivered) {
          ps.setLong(1, f.id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static UploadFailure open(java.sql.Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, started_at, last_failed_at,"
        + " ended_at, attempts, reason, detail FROM upload_failures WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")) {
      return r.next() ? failure(r) : null;
    }
  }

  private static void close(java.sql.Connection c, long id, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE upload_failures SET ended_at = ? WHERE id = ?")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  private static UploadFailure failure(ResultSet r) throws SQLException {
    long ended = r.getLong(4);
    Instant endedAt = r.wasNull() ? null : Instant.ofEpochMilli(ended);
    return new UploadFailure(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3)),
        endedAt, r.getInt(5), r.getString(6), r.getString(7));
  }
}
