package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads the fleet's central PostgreSQL (docs/fleet.md) as {@link StoreReader} reads a probe's SQLite store: the
 * filter (time window, probes, platforms) in SQL on the indexed columns, rows streamed in {@link RowOrder} through
 * a server-side cursor, only the filtered columns for every row, and a record's JSONB fetched by its key when the
 * incident rules ask for it (a failing round's roll-up, an evidence sample), read by the format module's codec.
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction: rows still arriving while the report is
 * read (the store is written all the time) never make the stream and the records fetched for it disagree. The
 * same pass collects {@link ArrivalFacts} from {@code received_at}, which only the central store has.
 */
public final class CentralReader {
  static final String TABLE = "censorprobe.measurements";
  private static final List<String> COLUMNS = List.of("id", "measured_at", "received_at", "probe", "round_id", "role",
      "platform", "endpoint", "verdict", "method", "revision", "classifier", "record");
  /** Enough to say why a probe's data is late; a probe failing all month must not grow the report. */
  static final int MAX_EPISODES_PER_PROBE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputProblems problems;

  public CentralReader(InputProblems problems) {
    this.problems = problems;
  }

  /**
   * Connects twice, checks the schema and starts the stream; the caller pulls rows, then asks for the facts, then
   * closes. One connection streams the rows (COPY: the server runs ahead of the reporter by a socket's buffers, so
   * the two work at once); the other fetches records by key and reads the facts, in the first one's snapshot.
   */
  public Cursor open(CentralSource source, RowFilter filter) {
    Connection stream = null;
    Connection lookup = null;
    try {
      stream = connect(source);
      String snapshot;
      Instant now;
      // The transaction's first statement takes its snapshot; now() is the server's clock at that moment.
      try (Statement s = stream.createStatement();
           ResultSet r = s.executeQuery("SELECT pg_export_snapshot(), now()")) {
        r.next();
        snapshot = r.getString(1);
        now = r.getTimestamp(2).toInstant();
      }
      checkSchema(source, stream);
      lookup = connect(source);
      try (Statement s = lookup.createStatement()) {
        s.execute("SET TRANSACTION SNAPSHOT " + literal(lookup, snapshot));
      }
      return new Cursor(source, stream, lookup, filter, now);
    } catch (SQLException e) {
      closeQuietly(stream);
      closeQuietly(lookup);
      throw new InputException(source.describe() + ": " + explain(e, source), e);
    } catch (RuntimeException e) {
      closeQuietly(stream);
      closeQuietly(lookup);
      throw e;
    }
  }

  private static Connection connect(CentralSource source) throws SQLException {
    Connection c = new org.postgresql.Driver().connect(source.jdbcUrl(), source.properties());
    c.setAutoCommit(false);
    c.setReadOnly(true);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    return c;
  }

  /** A string as an SQL literal, quoted by the driver for this server's settings; COPY takes no parameters. */
  static String literal(Connection c, String value) throws SQLException {
    boolean standard = c.unwrap(org.postgresql.core.BaseConnection.class).getStandardConformingStrings();
    return "'" + org.postgresql.core.Utils.escapeLiteral(null, value, standard) + "'";
  }

  private static String explain(SQLException e, CentralSource source) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = BoundedText.of(e.getMessage(), 400);
    if (state.equals("28P01") || message.contains("no password was provided")) {
      return "cannot log in as " + source.user() + ": " + message + " (the password comes from --password-file,"
          + " PGPASSWORD or a ~/.pgpass line)";
    }
    if (state.equals("42501")) {
      return "role " + source.user() + " may not read the central store: " + message
          + " (make it a reader: central add-reader " + source.user() + " --password-file FILE ...)";
    }
    if (state.startsWith("08") || state.startsWith("28")) return "cannot connect: " + message;
    return "cannot read the central store: " + message;
  }

  /**
   * The table, its columns, and this role's right to read them, from the catalogs (readable by every role, so
   * a role that may not read the table is told so, not that the table is missing).
   */
  private static void checkSchema(CentralSource source, Connection c) throws SQLException {
    Set<String> columns = new HashSet<>();
    boolean readable = false;
    try (PreparedStatement s = c.prepareStatement("SELECT a.attname, has_table_privilege(cl.oid, 'SELECT')"
        + " FROM pg_catalog.pg_class cl JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " WHERE n.nspname = 'censorprobe' AND cl.relname = 'measurements'"); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        columns.add(rs.getString(1));
        readable = rs.getBoolean(2);
      }
    }
    if (columns.isEmpty()) {
      throw new InputException(source.describe() + ": no table " + TABLE + " here; is this the fleet's central"
          + " store (central migrate)?");
    }
    if (!readable) {
      throw new InputException(source.describe() + ": role " + source.user() + " may not read " + TABLE
          + "; the reporter logs in as a reader (central add-reader NAME --password-file FILE ...)");
    }
    List<String> missing = new ArrayList<>();
    for (String col : COLUMNS) if (!columns.contains(col)) missing.add(col);
    if (!missing.isEmpty()) {
      throw new InputException(source.describe() + ": " + TABLE + " lacks columns " + missing
          + "; is the schema older than this reporter (central migrate)?");
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // already failing, or done: nothing to lose on a read-only connection
    }
  }

  /** One read of the central store: the stream of rows, then the facts about their arrival. */
  public final class Cursor implements RowCursor {
    private final CentralSource source;
    private final String described;
    private final Connection stream;
    private final Connection c;
    private final RowFilter filter;
    private final Instant serverNow;
    private final CopyOut copy;
    private final PreparedStatement recordByKey;
    private final PreparedStatement rollupByKey;
    private final Map<String, ArrivalCount> arrivals = new LinkedHashMap<>();
    private final CopyRow fields = new CopyRow(10);
    // Columns whose values repeat row after row are decoded once (see TextCache); the id is each row's own.
    private final TextCache rounds = new TextCache();
    private final TextCache names = new TextCache();
    private final TextCache endpoints = new TextCache();
    private ArrivalCount lastArrival;
    private boolean exhausted;

    Cursor(CentralSource source, Connection stream, Connection lookup, RowFilter filter, Instant serverNow)
        throws SQLException {
      this.source = source;
      this.described = source.describe();
      this.stream = stream;
      this.c = lookup;
      this.filter = filter;
      this.serverNow = serverNow;
      // Milliseconds as integers (date_part is a float8: exact for millisecond times, and cheaper than numeric).
      StringBuilder sql = new StringBuilder("COPY (SELECT id, (date_part('epoch', measured_at) * 1000)::int8,"
          + " (date_part('epoch', received_at) * 1000)::int8, round_id, probe, role, platform, endpoint, verdict,"
          + " method FROM " + TABLE + " WHERE true");
      whereLiteral(stream, filter, sql);
      // Text compared as bytes ("C"), NULL first: the order SQLite's covering index gives a probe's own store.
      sql.append(" ORDER BY measured_at");
      for (String col : RowOrder.TIE_COLUMNS.split(", ")) sql.append(", ").append(col).append(" COLLATE \"C\"");
      sql.append(" NULLS FIRST) TO STDOUT");
      copy = stream.unwrap(PGConnection.class).getCopyAPI().copyOut(sql.toString());
      recordByKey = c.prepareStatement("SELECT record::text FROM " + TABLE + " WHERE id = ? AND measured_at = ?");
      rollupByKey = c.prepareStatement("SELECT (record -> 'platform_verdict')::text, (record -> 'round')::text,"
          + " jsonb_typeof(record -> 'classifier') FROM " + TABLE + " WHERE id = ? AND measured_at = ?");
    }

    @Override
    public MeasurementRow next() {
      try {
        byte[] line;
        while ((line = copy.readFromCopy()) != null) {
          MeasurementRow row = row(line);
          if (row != null) return row;
        }
        exhausted = true;
        return null;
      } catch (SQLException e) {
        throw new InputException(source.describe() + ": " + explain(e, source), e);
      }
    }

    private MeasurementRow row(byte[] line) {
      if (!fields.split(line)) {
        problems.report(described + ": a row", "not the columns asked for; skipped");
        return null;
      }
      String id = fields.text(0);
      long at = fields.number(1);
      long received = fields.number(2);
      String roundId = fields.text(3, rounds);
      String probe = fields.text(4, names);
      String roleText = fields.text(5, names);
      String platform = fields.text(6, names);
      String endpoint = fields.text(7, endpoints);
      String verdict = fields.text(8, names);
      String methodText = fields.text(9, names);
      Status status = Status.ofVerdict(verdict);
      Role role;
      Method method;
      try {
        role = Roles.of(roleText);
        method = methodText == null ? null : Method.fromWire(methodText);
      } catch (IllegalArgumentException e) {
        role = null;
        method = null;
        status = null;
      }
      if (status == null) {
        problems.report(where(id), "unknown verdict, role or method (" + BoundedText.of(verdict + " " + roleText
            + " " + methodText, 80) + "); skipped");
        return null;
      }
      arrival(probe, at, received);
      return new MeasurementRow(described, at, roundId, probe, role, platform, endpoint, status, method,
          OnceSupplier.of(() -> fetch(id, at)), OnceSupplier.of(() -> fetchRollup(id, at)));
    }

    private void arrival(String probe, long at, long received) {
      ArrivalCount a = lastArrival;
      if (a == null || !a.probe.equals(probe)) {
        a = arrivals.computeIfAbsent(probe, ArrivalCount::new);
        lastArrival = a;
      }
      a.add(at, received);
    }

    /** Where a row is, for a problem's message; made only when there is one. */
    private String where(String id) {
      return described + ": measurement " + BoundedText.of(id, 130);
    }

    private Measurement fetch(String id, long at) {
      String where = where(id);
      try {
        key(recordByKey, id, at);
        try (ResultSet r = recordByKey.executeQuery()) {
          return RecordText.decode(r.next() ? r.getString(1) : null, where, problems);
        }
      } catch (SQLException e) {
        throw new InputException(where + ": cannot read the record: " + explain(e, source), e);
      }
    }

    /**
     * The platform_verdict and round objects, cut out by the server: a failing round needs only these (as the
     * SQLite reader does with json_extract). Read by the format module's codec all the same.
     */
    private Rollup fetchRollup(String id, long at) {
      try {
        key(rollupByKey, id, at);
        try (ResultSet r = rollupByKey.executeQuery()) {
          if (!r.next()) return Rollup.NONE;
          String verdict = r.getString(1);
          String round = r.getString(2);
          boolean typed = r.getString(3) != null;
          return new Rollup(verdict == null ? null : MeasurementCodec.readPlatformVerdict(JSON.readTree(verdict), typed),
              round == null ? null : MeasurementCodec.readRoundContext(JSON.readTree(round)));
        }
      } catch (IOException | RecordFormatException e) {
        // malformed: the full read reports it
        Measurement m = fetch(id, at);
        return m == null || m.judgement() == null ? Rollup.NONE : new Rollup(m.judgement().platform(), m.judgement().round());
      } catch (SQLException e) {
        throw new InputException(where(id) + ": cannot read the record: " + explain(e, source), e);
      }
    }

    private void key(PreparedStatement ps, String id, long at) throws SQLException {
      ps.setString(1, id);
      ps.setObject(2, OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC));
    }

    /**
     * When the window's rows reached the server, read once the rows have all been pulled: the probes silent in
     * the window and the upload failures the probes reported for it come from two small queries in the same
     * transaction.
     */
    public ArrivalFacts arrival() {
      if (!exhausted) throw new IllegalStateException("the rows are not all read yet");
      Map<String, ArrivalFacts.ProbeArrival> probes = new LinkedHashMap<>();
      for (ArrivalCount a : arrivals.values()) probes.put(a.probe, a.facts());
      try {
        return new ArrivalFacts(serverNow, probes, silent(probes.keySet()), episodes());
      } catch (SQLException e) {
        throw new InputException(source.describe() + ": " + explain(e, source), e);
      }
    }

    /**
     * How many of the window's rows each classifier judged, and how many were re-judged: the {@code classifier}
     * and {@code revision} columns, which the probes copy from their own stores, so the footer says what a
     * report read from their SQLite files says. Counted by the server in the stream's snapshot, after the rows;
     * like {@link StoreClassifiers}, it reads the table (neither column is in the report's index).
     */
    public void countClassifiers(ClassifierTally out) {
      if (!exhausted) throw new IllegalStateException("the rows are not all read yet");
      StringBuilder sql = new StringBuilder("SELECT classifier, count(*), count(*) FILTER (WHERE revision > 0) FROM "
          + TABLE + " WHERE verdict IN ('ok', 'blocked', 'technical', 'inconclusive')");
      try {
        whereLiteral(c, filter, sql);
        sql.append(" GROUP BY classifier");
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
          while (r.next()) out.add(ClassifierTally.parseColumn(r.getString(1)), r.getLong(2), r.getLong(3));
        }
      } catch (SQLException e) {
        throw new InputException(source.describe() + ": cannot count the classifiers: " + explain(e, source), e);
      }
    }

    /**
     * Probes with rows in the store and none in the window, with their last measurement before its end. Each
     * probe is one index probe on (probe, measured_at): a loose scan, not a read of the table.
     */
    private Map<String, Instant> silent(Set<String> seen) throws SQLException {
      Map<String, Instant> out = new LinkedHashMap<>();
      List<String> probes = new ArrayList<>();
      if (!filter.probes().isEmpty()) {
        probes.addAll(filter.probes().stream().sorted().toList());
      } else {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("WITH RECURSIVE p(probe) AS ("
            + " (SELECT probe FROM " + TABLE + " ORDER BY probe LIMIT 1) UNION ALL"
            + " SELECT (SELECT m.probe FROM " + TABLE + " m WHERE m.probe > p.probe ORDER BY m.probe LIMIT 1)"
            + " FROM p WHERE p.probe IS NOT NULL) SELECT probe FROM p WHERE probe IS NOT NULL")) {
          while (r.next()) probes.add(r.getString(1));
        }
      }
      try (PreparedStatement last = c.prepareStatement("SELECT max(measured_at) FROM " + TABLE
          + " WHERE probe = ? AND measured_at < coalesce(?, 'infinity'::timestamptz)")) {
        for (String p : probes) {
          if (seen.contains(p)) continue;
          last.setString(1, p);
          last.setObject(2, filter.to() == null ? null : OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
          try (ResultSet r = last.executeQuery()) {
            Timestamp t = r.next() ? r.getTimestamp(1) : null;
            if (t != null || !filter.probes().isEmpty()) out.put(p, t == null ? null : t.toInstant());
          }
        }
      }
      return out;
    }

    private List<ArrivalFacts.UploadEpisode> episodes() throws SQLException {
      List<ArrivalFacts.UploadEpisode> out = new ArrayList<>();
      StringBuilder sql = new StringBuilder("SELECT probe, started_at, last_failed_at, ended_at, attempts, reason"
          + " FROM (SELECT *, row_number() OVER (PARTITION BY probe ORDER BY started_at DESC) AS n"
          + " FROM censorprobe.upload_failures WHERE true");
      List<Object> args = new ArrayList<>();
      if (filter.to() != null) {
        sql.append(" AND started_at < ?");
        args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
      }
      if (filter.from() != null) {
        sql.append(" AND coalesce(ended_at, 'infinity'::timestamptz) >= ?");
        args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
      }
      if (!filter.probes().isEmpty()) {
        sql.append(" AND probe = ANY(?)");
        args.add(List.copyOf(filter.probes()));
      }
      sql.append(") f WHERE n <= ").append(MAX_EPISODES_PER_PROBE).append(" ORDER BY probe, started_at");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(c, ps, args);
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            Timestamp ended = r.getTimestamp(4);
            out.add(new ArrivalFacts.UploadEpisode(r.getString(1), r.getTimestamp(2).toInstant(),
                r.getTimestamp(3).toInstant(), ended == null ? null : ended.toInstant(), r.getInt(5),
                BoundedText.of(r.getString(6), 40)));
          }
        }
      }
      return out;
    }

    @Override
    public String source() {
      return source.describe();
    }

    @Override
    public void close() {
      try {
        if (copy.isActive()) copy.cancelCopy(); // a report that failed half-way: the server stops sending
      } catch (SQLException ignored) {
        // the connection is gone
      }
      closeQuietly(recordByKey);
      closeQuietly(rollupByKey);
      for (Connection conn : new Connection[] {stream, c}) {
        try {
          conn.rollback(); // read-only: ending the transaction is all there is to do
        } catch (SQLException ignored) {
          // the connection is gone
        }
        closeQuietly(conn);
      }
    }
  }

  /** The filter as SQL literals, for COPY, which takes no parameters: times as ISO text, names quoted. */
  private static void whereLiteral(Connection c, RowFilter filter, StringBuilder sql) throws SQLException {
    if (filter.from() != null) sql.append(" AND measured_at >= '").append(filter.from()).append("'::timestamptz");
    if (filter.to() != null) sql.append(" AND measured_at < '").append(filter.to()).append("'::timestamptz");
    if (!filter.probes().isEmpty()) sql.append(" AND probe IN (").append(literals(c, filter.probes())).append(')');
    if (!filter.platforms().isEmpty()) {
      sql.append(" AND (role IN ('control', 'resolver') OR platform IN (").append(literals(c, filter.platforms()))
          .append("))");
    }
  }

  private static String literals(Connection c, java.util.Collection<String> values) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String v : values.stream().sorted().toList()) out.add(literal(c, v));
    return String.join(", ", out);
  }

  private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof List<?> list) {
        Array array = c.createArrayOf("text", list.toArray());
        ps.setArray(i + 1, array);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  /** One probe's arrival counts, added to row by row. */
  private static final class ArrivalCount {
    final String probe;
    long rows;
    long lastMeasured = Long.MIN_VALUE;
    long lastReceived = Long.MIN_VALUE;
    long maxDelay = -1;
    long maxDelayAt;
    final long[] longerThan = new long[ArrivalFacts.DELAY_BOUNDS.size()];
    private static final long[] BOUNDS = ArrivalFacts.DELAY_BOUNDS.stream().mapToLong(Duration::toMillis).toArray();

    ArrivalCount(String probe) {
      this.probe = probe;
    }

    void add(long at, long received) {
      rows++;
      lastMeasured = Math.max(lastMeasured, at);
      lastReceived = Math.max(lastReceived, received);
      long delay = Math.max(0, received - at); // a probe clock ahead of the server's is not a negative delay
      if (delay > maxDelay) {
        maxDelay = delay;
        maxDelayAt = at;
      }
      for (int i = 0; i < BOUNDS.length && delay > BOUNDS[i]; i++) longerThan[i]++;
    }

    ArrivalFacts.ProbeArrival facts() {
      List<Long> counts = new ArrayList<>();
      for (long n : longerThan) counts.add(n);
      return new ArrivalFacts.ProbeArrival(probe, rows, Instant.ofEpochMilli(lastMeasured),
          Instant.ofEpochMilli(lastReceived), Duration.ofMillis(maxDelay), Instant.ofEpochMilli(maxDelayAt), counts);
    }
  }
}
