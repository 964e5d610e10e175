package org.censorprobe.probe.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SQLite store. One writer connection, guarded by this object's lock: rounds and the retention
 * pruner take turns, each for one short transaction, so pruning never holds a round back for long.
 *
 * <p>Durability: WAL mode with {@code synchronous=FULL}. A measurement counts as stored when its transaction has
 * committed (and only then is "stored" logged). With WAL and {@code synchronous=NORMAL} a commit is not synced
 * until the next checkpoint, so a power cut can lose commits that were already reported as stored; FULL syncs
 * the WAL on every commit. One fsync per round (every few minutes) costs nothing here.
 *
 * <p>With an outbox ({@link StoreLimits#keepUndelivered()}, when {@code upload:} is configured) the store is the
 * probe's system of record until the central store has a row: retention and the disk cap delete only rows
 * delivered in their current revision. At the cap ({@code store.max_size}) delivered rows go first, oldest
 * first, whatever their age; when only undelivered rows are left a round is refused ({@link StoreFullException},
 * logged at error, counted, alerted on) rather than any measurement already taken being deleted.
 */
public final class MeasurementStore implements AutoCloseable {
  /** How long a statement waits for another connection's lock (an export reading while we write). */
  static final int BUSY_TIMEOUT_MS = 10_000;

  private static final String INSERT = "INSERT INTO measurements"
      + "(id, round_id, measured_at, probe, role, platform, endpoint, verdict, method, record, classifier) "
      + "VALUES (?,?,?,?,?,?,?,?,?,?,?)";
  /** Rows deleted per statement when making room under the cap. */
  static final int CAP_BATCH = 500;
  /** Pruning for the cap goes down to this share of it, so that it does not run again at the next round. */
  static final double CAP_LOW_WATER = 0.9;
  private static final Logger LOG = LoggerFactory.getLogger(MeasurementStore.class);

  private final Path file;
  private final Connection writer;
  private final String classifier;
  private volatile StoreLimits limits = StoreLimits.NONE;
  private boolean full;
  private long cappedRows;

  private MeasurementStore(Path file, Connection writer, String classifier) {
    this.file = file;
    this.writer = writer;
    this.classifier = classifier;
  }

  /** Opens (creating if needed) the store for writing; refuses a store with a newer schema. */
  public static MeasurementStore open(Path file) {
    return open(file, null);
  }

  /**
   * Opens the store for writing; {@code classifier} names what judges the rounds this process stores (the
   * {@code classifier} column; null: unknown).
   */
  public static MeasurementStore open(Path file, String classifier) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new StoreException(file + ": cannot create the store's directory: " + e.getMessage(), e);
    }
    Connection c = connect(file);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        // Checked before WAL is switched on, so that a newer store is left exactly as it was.
        StoreSchema.refuseNewer(StoreSchema.userVersion(c), file.toString());
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = FULL");
      }
      StoreSchema.migrate(c, file.toString());
      return new MeasurementStore(file, c, classifier);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof StoreException se) throw se;
      throw new StoreException(file + ": cannot open the store: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store for re-judging ({@code probe reclassify}): as {@link #open}, but each commit is not synced to
   * disk on its own ({@code synchronous=NORMAL}). Atomicity is the same (a killed process leaves every round
   * whole), and a re-judgement that a power cut takes back is simply made again by the next run, so syncing a
   * thousand rounds one by one would buy nothing.
   */
  public static MeasurementStore openForRejudging(Path file) {
    MeasurementStore s = open(file, null);
    try (Statement st = s.writer.createStatement()) {
      st.execute("PRAGMA synchronous = NORMAL");
    } catch (SQLException e) {
      s.close();
      throw new StoreException(file + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** Opens an existing store for reading only (export, reporter-like readers). */
  public static StoreReader openReader(Path file) {
    if (!Files.isRegularFile(file)) throw new StoreException(file + ": no store here");
    Connection c = connect(file);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      }
      StoreSchema.refuseNewer(StoreSchema.userVersion(c), file.toString());
      return new StoreReader(c);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof StoreException se) throw se;
      throw new StoreException(file + ": cannot read the store: " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file) {
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot open the store: " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The disk cap and whether undelivered rows are kept (read at every round and every pruning). */
  public void limits(StoreLimits limits) {
    this.limits = limits;
  }

  public StoreLimits limits() {
    return limits;
  }

  /**
   * Writes a round's measurements in one transaction. Returns only after the commit; throws (and stores
   * nothing of the round) otherwise: {@link StoreFullException} when the cap leaves no room for it.
   */
  public synchronized int storeRound(List<Measurement> measurements) {
    List<String> records = new ArrayList<>(measurements.size());
    long bytes = 0;
    for (Measurement m : measurements) {
      String json = MeasurementCodec.toJson(m);
      records.add(json);
      bytes += json.length() + 256; // the indexed columns and the indexes' share
    }
    try {
      makeRoom(bytes);
      writer.setAutoCommit(false);
      try (PreparedStatement ps = writer.prepareStatement(INSERT)) {
        for (int i = 0; i < measurements.size(); i++) {
          bindInsert(ps, measurements.get(i), records.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
        writer.commit();
        return measurements.size();
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot store a round: " + e.getMessage(), e);
    }
  }

  private void bindInsert(PreparedStatement ps, Measurement m, String record) throws SQLException {
    ps.setString(1, m.id());
    ps.setString(2, m.roundId());
    ps.setLong(3, m.measuredAt().toEpochMilli());
    ps.setString(4, m.probe().id());
    ps.setString(5, m.role().label());
    ps.setString(6, m.platform());
    ps.setString(7, m.endpoint());
    ps.setString(8, m.judgement().verdict().label());
    ps.setString(9, m.judgement().method() == null ? null : m.judgement().method().wire());
    ps.setString(10, record);
    // The version the judgement names; the process's own for a record that names none.
    ps.setString(11, m.judgement().classifier() == null ? classifier : m.judgement().classifier().toString());
  }

  /**
   * Makes room for {@code incoming} bytes under the cap: deletes what may go (delivered rows with an outbox, any
   * row without one), oldest first, down to {@link #CAP_LOW_WATER} of the cap; refuses when that is not enough.
   */
  private void makeRoom(long incoming) throws SQLException {
    StoreLimits l = limits;
    if (!l.capped()) {
      full = false;
      return;
    }
    long used = usedBytes();
    if (used + incoming <= l.maxBytes()) {
      full = false;
      return;
    }
    long target = (long) (l.maxBytes() * CAP_LOW_WATER) - incoming;
    int deleted = 0;
    while (used > target) {
      int n = deleteOldest(Long.MAX_VALUE, CAP_BATCH, l.keepUndelivered());
      if (n == 0) break;
      deleted += n;
      used = usedBytes();
    }
    if (deleted > 0) {
      cappedRows += deleted;
      LOG.warn("store at its cap ({} bytes): deleted the {} oldest {}measurements to make room", l.maxBytes(),
          deleted, l.keepUndelivered() ? "delivered " : "");
    }
    if (used + incoming > l.maxBytes()) {
      full = true;
      throw new StoreFullException(file + ": the store is at its cap (" + l.maxBytes() + " bytes, " + used
          + " used) and every measurement left in it is undelivered: this round is not stored, and nothing"
          + " undelivered is deleted (raise store.max_size, or let the uploader reach the central store)");
    }
    full = false;
  }

  /** Deletes at most {@code batch} of the oldest deletable rows measured before {@code beforeMs}. */
  private int deleteOldest(long beforeMs, int batch, boolean keepUndelivered) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM measurements WHERE rowid IN (SELECT rowid FROM"
        + " measurements WHERE measured_at < ?" + (keepUndelivered ? " AND NOT " + StoreSchema.PENDING : "")
        + " ORDER BY measured_at LIMIT ?)")) {
      ps.setLong(1, beforeMs);
      ps.setInt(2, batch);
      return ps.executeUpdate();
    }
  }

  /** Bytes in use: pages holding data (free pages are reused before the file grows). */
  private long usedBytes() throws SQLException {
    return (pragmaLong("page_count") - pragmaLong("freelist_count")) * pragmaLong("page_size");
  }

  private long pragmaLong(String name) throws SQLException {
    try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** Size, cap and fullness, for the metrics. */
  public synchronized StoreStatus status() {
    try {
      return new StoreStatus(usedBytes(), limits.maxBytes(), full, cappedRows);
    } catch (SQLException e) {
      throw new StoreException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes at most {@code batch} measurements older than {@code cutoff}, in one short transaction; with an
   * outbox, only delivered ones.
   *
   * @return how many were deleted (less than {@code batch}: nothing older is left)
   */
  public synchronized int pruneBatch(Instant cutoff, int batch) {
    try {
      return deleteOldest(cutoff.toEpochMilli(), batch, limits.keepUndelivered());
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot prune: " + e.getMessage(), e);
    }
  }

  /** Upload-failure episodes older than {@code cutoff}: delivered ones, or all without an outbox. */
  public synchronized int pruneUploadFailures(Instant cutoff) {
    try (PreparedStatement ps = writer.prepareStatement("DELETE FROM upload_failures WHERE last_failed_at < ?"
        + (limits.keepUndelivered() ? " AND delivered = 1" : ""))) {
      ps.setLong(1, cutoff.toEpochMilli());
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot prune: " + e.getMessage(), e);
    }
  }

  /**
   * Every round with a measurement before {@code to}, in the order they were measured. Re-judging replays them in
   * this order, since the throttle history carries from one round to the next.
   */
  public synchronized List<StoredRound> rounds(Instant to) {
    try (PreparedStatement ps = writer.prepareStatement("SELECT round_id, MIN(measured_at) AS t FROM measurements"
        + " WHERE measured_at < ? GROUP BY round_id ORDER BY t, round_id")) {
      ps.setLong(1, to.toEpochMilli());
      List<StoredRound> out = new ArrayList<>();
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) out.add(new StoredRound(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot list rounds: " + e.getMessage(), e);
    }
  }

  /** The rows of one round, in the order they were stored. */
  public synchronized List<StoredRecord> roundRecords(String roundId) {
    try (PreparedStatement ps = writer.prepareStatement(
        "SELECT id, revision, record FROM measurements WHERE round_id = ? ORDER BY rowid")) {
      ps.setString(1, roundId);
      List<StoredRecord> out = new ArrayList<>();
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) out.add(new StoredRecord(r.getString(1), r.getInt(2), r.getString(3)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot read round " + roundId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes one round's new judgements in one transaction: {@code replaced} rows get their new record, verdict,
   * method and classifier and one more revision (so the outbox delivers them again); {@code added} rows (subjects
   * the classifier that first judged the round did not have, such as resolver records) are inserted. A kill in
   * the middle leaves the round as it was: no record is ever half re-judged.
   *
   * @param expectedRevisions the revision each replaced row was read in, by id: a row re-judged by someone else
   *     meanwhile is left alone (and counted as not written)
   * @return the rows written
   */
  public synchronized int rejudgeRound(List<Measurement> replaced, java.util.Map<String, Integer> expectedRevisions,
                                       List<Measurement> added) {
    try {
      writer.setAutoCommit(false);
      int written = 0;
      try (PreparedStatement up = writer.prepareStatement("UPDATE measurements SET verdict = ?, method = ?,"
          + " record = ?, classifier = ?, revision = revision + 1 WHERE id = ? AND revision = ?");
           PreparedStatement in = writer.prepareStatement(INSERT.replace("INSERT INTO", "INSERT OR IGNORE INTO"))) {
        for (Measurement m : replaced) {
          up.setString(1, m.judgement().verdict().label());
          up.setString(2, m.judgement().method() == null ? null : m.judgement().method().wire());
          up.setString(3, MeasurementCodec.toJson(m));
          up.setString(4, m.judgement().classifier() == null ? null : m.judgement().classifier().toString());
          up.setString(5, m.id());
          up.setInt(6, expectedRevisions.get(m.id()));
          written += up.executeUpdate();
        }
        for (Measurement m : added) {
          bindInsert(in, m, MeasurementCodec.toJson(m));
          written += in.executeUpdate();
        }
        writer.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot re-judge a round: " + e.getMessage(), e);
    }
  }

  /** The outbox: what the uploader reads and marks. */
  public Outbox outbox() {
    return new Outbox(this);
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs on the writer connection, under the store's lock (the outbox's reads and marks). */
  synchronized <T> T withWriter(String what, SqlWork<T> work) {
    try {
      return work.run(writer);
    } catch (SQLException e) {
      throw new StoreException(file + ": " + what + ": " + e.getMessage(), e);
    }
  }

  /** Reads through the writer connection (tests, status): same semantics as {@link StoreReader#read}. */
  public synchronized void read(Instant from, Instant to, String platform, Consumer<StoredMeasurement> sink) {
    StoreReader.read(writer, file, from, to, platform, sink);
  }

  /**
   * Each platform's roll-up verdict per round with {@code from <= measured_at < to}, oldest first. Read by
   * SQLite's JSON functions from one record per platform and round (all of a round's records of a platform carry
   * the same roll-up), so a day of history costs no record parsing here.
   */
  public synchronized List<PlatformRound> platformRounds(Instant from, Instant to) {
    String sql = "SELECT round_id, MIN(measured_at), platform, json_extract(record, '$.platform_name'), "
        + "json_extract(record, '$.platform_verdict.verdict'), json_extract(record, '$.platform_verdict.method') "
        + "FROM measurements WHERE measured_at >= ? AND measured_at < ? AND role = 'platform' "
        + "GROUP BY round_id, platform ORDER BY 2, 3";
    List<PlatformRound> out = new ArrayList<>();
    try (PreparedStatement ps = writer.prepareStatement(sql)) {
      ps.setLong(1, from.toEpochMilli());
      ps.setLong(2, to.toEpochMilli());
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          String verdict = r.getString(5);
          if (verdict == null) continue; // a record without a roll-up says nothing about its platform
          String method = r.getString(6);
          out.add(new PlatformRound(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
              r.getString(4), Verdict.fromLabel(verdict),
              method == null ? null : Method.fromWire(method)));
        }
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new StoreException(file + ": cannot read the platforms' history: " + e.getMessage(), e);
    }
    return out;
  }

  /** The journal mode in force, e.g. {@code wal}. */
  public synchronized String journalMode() {
    return pragma("journal_mode");
  }

  public synchronized String pragma(String name) {
    try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new StoreException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly(writer);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing left to save
    }
  }
}
