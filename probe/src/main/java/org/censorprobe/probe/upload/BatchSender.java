package org.censorprobe.probe.upload;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.censorprobe.probe.store.OutboxRow;
import org.censorprobe.probe.store.UploadFailure;

/**
 * One batch, one transaction on the server, idempotent: a row already there in the same or a newer revision is
 * left alone ({@code ON CONFLICT ... DO UPDATE ... WHERE revision is greater}), so a batch sent twice (the probe
 * killed between the server's commit and its own mark) inserts nothing twice. The rows travel as arrays in one
 * statement: one round trip per batch.
 */
final class BatchSender {
  static final String UPSERT = "INSERT INTO censorprobe.measurements(id, measured_at, probe, network, asn, country,"
      + " round_id, role, platform, endpoint, verdict, method, revision, classifier, record)"
      + " SELECT t.id, 'epoch'::timestamptz + t.ms * interval '1 millisecond', t.probe, t.network, t.asn, t.country,"
      + " t.round_id, t.role, t.platform, t.endpoint, t.verdict, t.method, t.revision, t.classifier, t.record::jsonb"
      + " FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],"
      + " ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])"
      + " AS t(id, ms, probe, network, asn, country, round_id, role, platform, endpoint, verdict, method, revision,"
      + " classifier, record)"
      + " ON CONFLICT (id, measured_at) DO UPDATE SET verdict = EXCLUDED.verdict, method = EXCLUDED.method,"
      + " revision = EXCLUDED.revision, classifier = EXCLUDED.classifier, record = EXCLUDED.record, revised_at = now()"
      + " WHERE measurements.revision < EXCLUDED.revision";

  static final String FAILURES = "INSERT INTO censorprobe.upload_failures(probe, started_at, last_failed_at,"
      + " ended_at, attempts, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (probe, started_at) DO UPDATE SET last_failed_at = EXCLUDED.last_failed_at,"
      + " ended_at = EXCLUDED.ended_at, attempts = EXCLUDED.attempts, reason = EXCLUDED.reason,"
      + " detail = EXCLUDED.detail";

  private BatchSender() {}

  /** Sends and commits; returns the rows the server wrote (new or newer revisions). Throws: nothing committed. */
  static int send(Connection c, List<OutboxRow> rows) throws SQLException {
    int n = rows.size();
    String[] id = new String[n];
    Long[] ms = new Long[n];
    String[] probe = new String[n];
    String[] network = new String[n];
    Integer[] asn = new Integer[n];
    String[] country = new String[n];
    String[] round = new String[n];
    String[] role = new String[n];
    String[] platform = new String[n];
    String[] endpoint = new String[n];
    String[] verdict = new String[n];
    String[] method = new String[n];
    Integer[] revision = new Integer[n];
    String[] classifier = new String[n];
    String[] record = new String[n];
    for (int i = 0; i < n; i++) {
      OutboxRow r = rows.get(i);
      ProbeInfoFields info = ProbeInfoFields.of(r.record());
      id[i] = r.id();
      ms[i] = r.measuredAt().toEpochMilli();
      probe[i] = r.probe();
      network[i] = info.network();
      asn[i] = info.asn();
      country[i] = info.country();
      round[i] = r.roundId();
      role[i] = r.role();
      platform[i] = r.platform();
      endpoint[i] = r.endpoint();
      verdict[i] = r.verdict();
      method[i] = r.method();
      revision[i] = r.revision();
      classifier[i] = r.classifier();
      record[i] = JsonbText.of(r.record());
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      Object[][] columns = {id, ms, probe, network, asn, country, round, role, platform, endpoint, verdict, method,
          revision, classifier, record};
      String[] types = {"text", "int8", "text", "text", "int4", "text", "text", "text", "text", "text", "text", "text",
          "int4", "text", "text"};
      for (int i = 0; i < columns.length; i++) {
        Array a = c.createArrayOf(types[i], columns[i]);
        ps.setArray(i + 1, a);
      }
      int written = ps.executeUpdate();
      c.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    }
  }

  /** Ended failure episodes, in one transaction. */
  static void sendFailures(Connection c, String probe, List<UploadFailure> failures) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(FAILURES)) {
      for (UploadFailure f : failures) {
        ps.setString(1, probe);
        ps.setObject(2, java.time.OffsetDateTime.ofInstant(f.startedAt(), java.time.ZoneOffset.UTC));
        ps.setObject(3, java.time.OffsetDateTime.ofInstant(f.lastFailedAt(), java.time.ZoneOffset.UTC));
        if (f.endedAt() == null) ps.setNull(4, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setObject(4, java.time.OffsetDateTime.ofInstant(f.endedAt(), java.time.ZoneOffset.UTC));
        ps.setInt(5, f.attempts());
        ps.setString(6, f.reason());
        ps.setString(7, f.detail());
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone: the server rolls the transaction back itself
    }
  }
}
