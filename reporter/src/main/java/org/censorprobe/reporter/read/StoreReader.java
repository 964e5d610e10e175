package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.sqlite.SQLiteConfig;

/**
 * Reads the probe's SQLite store (docs/measurement-format.md, "The store"), in time order, streaming. Only the
 * indexed columns are read for every row; a record's JSON is fetched by row id when the incident rules ask
 * for it (a failing round's roll-up, an evidence sample), so a report over a million ok rows parses almost none.
 */
public final class StoreReader {
  /**
   * The newest store schema this reporter understands ({@code PRAGMA user_version}); every version up to it has
   * the columns read here.
   */
  public static final int SCHEMA_VERSION = 3;
  public static final String TABLE = "measurements";
  private static final List<String> COLUMNS =
      List.of("round_id", "measured_at", "probe", "role", "platform", "endpoint", "verdict", "method", "record");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputProblems problems;

  public StoreReader(InputProblems problems) {
    this.problems = problems;
  }

  /**
   * Streams the store's rows in {@link RowOrder} into {@code out}, then runs {@code beforeClose}: records are
   * fetched lazily, so whatever still holds rows must finish with them before the connection closes.
   */
  public long read(Path store, RowFilter filter, Consumer<MeasurementRow> out, Runnable beforeClose) {
    long rows = 0;
    try (RowCursor cursor = open(store, filter)) {
      for (MeasurementRow r = cursor.next(); r != null; r = cursor.next()) {
        out.accept(r);
        rows++;
      }
      beforeClose.run();
    }
    return rows;
  }

  /** Opens the store read-only and starts the query; the caller pulls rows and closes the cursor. */
  public RowCursor open(Path store, RowFilter filter) {
    // sqlite would silently create an empty database where none is: check first.
    if (!Files.isRegularFile(store) || !Files.isReadable(store)) {
      throw new InputException(store + ": no readable store at this path");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    Connection db = null;
    try {
      db = SqliteLibrary.connect(config, store);
      checkSchema(store, db);
      return new Cursor(store, db, filter);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(db);
      if (e instanceof InputException ie) throw ie;
      throw new InputException(store + ": cannot read the store: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection db) {
    if (db == null) return;
    try {
      db.close();
    } catch (SQLException ignored) {
      // already failing: the first error is the one to report
    }
  }

  private static void checkSchema(Path store, Connection db) throws SQLException {
    int version;
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new InputException(store + ": store schema version " + version + " is newer than this reporter reads ("
          + SCHEMA_VERSION + "); use a reporter built with the probe that wrote it");
    }
    Set<String> columns = new HashSet<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + TABLE + ")")) {
      while (rs.next()) columns.add(rs.getString("name"));
    }
    if (columns.isEmpty()) {
      throw new InputException(store + ": no table \"" + TABLE + "\"; is this a censorprobe store?");
    }
    List<String> missing = new ArrayList<>();
    for (String c : COLUMNS) if (!columns.contains(c)) missing.add(c);
    if (!missing.isEmpty()) {
      throw new InputException(store + ": table \"" + TABLE + "\" lacks columns " + missing);
    }
  }

  /** One open store: the query's result set, and the statements that fetch a row's record by row id. */
  private final class Cursor implements RowCursor {
    private final Path store;
    private final String described;
    private final Connection db;
    private final PreparedStatement query;
    private final PreparedStatement recordById;
    private final PreparedStatement rollupById;
    private final ResultSet rs;
    private final ReadAhead rows;
    private final RowText text = new RowText();
    private final LastParsed<Status> statuses = new LastParsed<>(Status::ofVerdict);
    private final LastParsed<Role> roles = new LastParsed<>(Roles::of);
    private final LastParsed<Method> methods = new LastParsed<>(Method::fromWire);

    Cursor(Path store, Connection db, RowFilter filter) throws SQLException {
      this.store = store;
      this.described = store.toString();
      this.db = db;
      // The text columns come joined by a unit separator: one JNI call per row instead of seven halves the cost
      // of a million rows in sqlite-jdbc. Read as bytes (RowText says why). Joined by concat_ws, one copy a row,
      // where a chain of || copies the growing text at each step: the reader thread's CPU over the bench's million
      // rows 750 ms against 870 (concat_ws is SQLite 3.44's; sqlite-jdbc bundles its own SQLite, 3.54 today).
      // concat_ws skips a null where || gave null: a null required column leaves six columns, which RowText
      // refuses all the same.
      StringBuilder sql = new StringBuilder("SELECT rowid, measured_at, concat_ws(char(31), round_id, probe, role,"
          + " platform, ifnull(endpoint, ''), verdict, ifnull(method, char(30))) FROM " + TABLE);
      List<Object> args = new ArrayList<>();
      sql.append(where(filter, args));
      // The covering index measurements_report holds exactly these columns in this order: the walk needs no sort.
      sql.append(" ORDER BY measured_at, ").append(RowOrder.TIE_COLUMNS);
      query = db.prepareStatement(sql.toString());
      recordById = db.prepareStatement("SELECT record FROM " + TABLE + " WHERE rowid = ?");
      rollupById = db.prepareStatement("SELECT json_extract(record, '$.platform_verdict'),"
          + " json_extract(record, '$.round'), json_type(record, '$.classifier') FROM " + TABLE + " WHERE rowid = ?");
      for (int i = 0; i < args.size(); i++) query.setObject(i + 1, args.get(i));
      query.setFetchSize(1000);
      rs = query.executeQuery();
      rows = new ReadAhead(rs, store.getFileName().toString());
    }

    @Override
    public MeasurementRow next() {
      try {
        while (rows.advance()) {
          MeasurementRow row = row(rows.rowid(), rows.measuredAtMs(), rows.text());
          if (row != null) return row;
        }
        return null;
      } catch (SQLException e) {
        throw new InputException(store + ": cannot read the store: " + e.getMessage(), e);
      }
    }

    private MeasurementRow row(long rowid, long measuredAtMs, byte[] joined) {
      String[] f = text.split(joined);
      if (f == null) {
        problems.report(where(store, rowid), "a required column is null or holds a control character; skipped");
        return null;
      }
      Status status = statuses.of(f[5]);
      Role role;
      Method method;
      try {
        role = roles.of(f[2]);
        method = NULL_METHOD.equals(f[6]) ? null : methods.of(f[6]);
      } catch (IllegalArgumentException e) {
        status = null;
        role = null;
        method = null;
      }
      if (status == null) {
        problems.report(where(store, rowid), "unknown verdict, role or method (" + BoundedText.of(f[5] + " "
            + f[2] + " " + f[6], 80) + "); skipped");
        return null;
      }
      return new MeasurementRow(described, measuredAtMs, f[0], f[1], role, f[3], f[4], status, method,
          new StoredRecord(rowid), new StoredRollup(rowid));
    }

    /**
     * A row's stored value, read by row id on first use: one object a row where a lambda in a {@link OnceSupplier}
     * took two. For the report's thread only.
     */
    private abstract static class OnFirstUse<T> implements Supplier<T> {
      final long rowid;
      private boolean read;
      private T value;

      OnFirstUse(long rowid) {
        this.rowid = rowid;
      }

      abstract T load();

      @Override
      public final T get() {
        if (!read) {
          value = load();
          read = true;
        }
        return value;
      }
    }

    /** A row's record. */
    private final class StoredRecord extends OnFirstUse<Measurement> {
      StoredRecord(long rowid) {
        super(rowid);
      }

      @Override
      Measurement load() {
        return fetch(recordById, rowid, where(store, rowid));
      }
    }

    /** A row's roll-up and round context. */
    private final class StoredRollup extends OnFirstUse<Rollup> {
      StoredRollup(long rowid) {
        super(rowid);
      }

      @Override
      Rollup load() {
        return fetchRollup(rollupById, recordById, rowid, where(store, rowid));
      }
    }

    @Override
    public String source() {
      return store.toString();
    }

    @Override
    public void close() {
      // the reader thread first: it steps rs until it stops
      for (AutoCloseable c : new AutoCloseable[] {rows, rs, query, recordById, rollupById, db}) {
        try {
          c.close();
        } catch (Exception ignored) {
          // read-only: nothing to lose
        }
      }
    }
  }

  /**
   * The platform_verdict and round objects, cut out by SQLite: a failing round needs only these, and reading a few
   * hundred bytes instead of the whole record is most of the time a large report takes. Read by the format
   * module's codec all the same.
   */
  private Rollup fetchRollup(PreparedStatement rollupById, PreparedStatement recordById, long rowid, String where) {
    try {
      rollupById.setLong(1, rowid);
      try (ResultSet rs = rollupById.executeQuery()) {
        if (!rs.next()) return Rollup.NONE;
        String verdict = rs.getString(1);
        String round = rs.getString(2);
        boolean typed = rs.getString(3) != null;
        return new Rollup(verdict == null ? null : MeasurementCodec.readPlatformVerdict(JSON.readTree(verdict), typed),
            round == null ? null : MeasurementCodec.readRoundContext(JSON.readTree(round)));
      }
    } catch (SQLException | IOException | RecordFormatException e) {
      // malformed JSON: the full read reports it
      Measurement m = fetch(recordById, rowid, where);
      return m == null || m.judgement() == null ? Rollup.NONE : new Rollup(m.judgement().platform(), m.judgement().round());
    }
  }

  private Measurement fetch(PreparedStatement recordById, long rowid, String where) {
    try {
      recordById.setLong(1, rowid);
      try (ResultSet rs = recordById.executeQuery()) {
        return RecordText.decode(rs.next() ? rs.getString(1) : null, where, problems);
      }
    } catch (SQLException e) {
      throw new InputException(where + ": cannot read the record: " + e.getMessage(), e);
    }
  }

  private static final String NULL_METHOD = "\u001e";

  private static String where(Path store, long rowid) {
    return store + ": row " + rowid;
  }

  private static String placeholders(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /**
   * The filter as a WHERE clause over the store's columns (a resolver or control record passes a platform filter:
   * the report needs the round's context); its values go to {@code args} in order.
   */
  static String where(RowFilter filter, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1=1");
    if (filter.from() != null) {
      sql.append(" AND measured_at >= ?");
      args.add(filter.from().toEpochMilli());
    }
    if (filter.to() != null) {
      sql.append(" AND measured_at < ?");
      args.add(filter.to().toEpochMilli());
    }
    if (!filter.probes().isEmpty()) {
      sql.append(" AND probe IN (").append(placeholders(filter.probes().size())).append(')');
      args.addAll(filter.probes());
    }
    if (!filter.platforms().isEmpty()) {
      sql.append(" AND (role IN ('control', 'resolver') OR platform IN (")
          .append(placeholders(filter.platforms().size())).append("))");
      args.addAll(filter.platforms());
    }
    return sql.toString();
  }
}
