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
import java.util.List;
import java.util.function.Consumer;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.json.MeasurementCodec;

/**
 * The embedded SQLite store. One writer connection, guarded by this object's lock: rounds and the retention
 * pruner take turns, each for one short transaction, so pruning never holds a round back for long.
 *
 * <p>Durability: WAL mode with {@code synchronous=FULL}. A measurement counts as stored when its transaction has
 * committed (and only then is "stored" logged). With WAL and {@code synchronous=NORMAL} a commit is not synced
 * until the next checkpoint, so a power cut can lose commits that were already reported as stored; FULL syncs
 * the WAL on every commit. One fsync per round (every few minutes) costs nothing here.
 */
public final class MeasurementStore implements AutoCloseable {
  /** How long a statement waits for another connection's lock (an export reading while we write). */
  static final int BUSY_TIMEOUT_MS = 10_000;

  private static final String INSERT = "INSERT INTO measurements"
      + "(id, round_id, measured_at, probe, role, platform, endpoint, verdict, method, record) "
      + "VALUES (?,?,?,?,?,?,?,?,?,?)";

  private final Path file;
  private final Connection writer;

  private MeasurementStore(Path file, Connection writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Opens (creating if needed) the store for writing; refuses a store with a newer schema. */
  public static MeasurementStore open(Path file) {
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
      return new MeasurementStore(file, c);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof StoreException se) throw se;
      throw new StoreException(file + ": cannot open the store: " + e.getMessage(), e);
    }
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

  /**
   * Writes a round's measurements in one transaction. Returns only after the commit; throws (and stores
   * nothing of the round) otherwise.
   */
  public synchronized int storeRound(List<Measurement> measurements) {
    try {
      writer.setAutoCommit(false);
      try (PreparedStatement ps = writer.prepareStatement(INSERT)) {
        for (Measurement m : measurements) {
          ps.setString(1, m.id());
          ps.setString(2, m.roundId());
          ps.setLong(3, m.measuredAt().toEpochMilli());
          ps.setString(4, m.probe().id());
          ps.setString(5, m.role().label());
          ps.setString(6, m.platform());
          ps.setString(7, m.endpoint());
          ps.setString(8, m.judgement().verdict().label());
          ps.setString(9, m.judgement().method() == null ? null : m.judgement().method().wire());
          ps.setString(10, MeasurementCodec.toJson(m));
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

  /**
   * Deletes at most {@code batch} measurements older than {@code cutoff}, in one short transaction.
   *
   * @return how many were deleted (less than {@code batch}: nothing older is left)
   */
  public synchronized int pruneBatch(Instant cutoff, int batch) {
    try (PreparedStatement ps = writer.prepareStatement(
        "DELETE FROM measurements WHERE rowid IN "
            + "(SELECT rowid FROM measurements WHERE measured_at < ? ORDER BY measured_at LIMIT ?)")) {
      ps.setLong(1, cutoff.toEpochMilli());
      ps.setInt(2, batch);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(file + ": cannot prune: " + e.getMessage(), e);
    }
  }

  /** Reads through the writer connection (tests, status): same semantics as {@link StoreReader#read}. */
  public synchronized void read(Instant from, Instant to, String platform, Consumer<StoredMeasurement> sink) {
    StoreReader.read(writer, file, from, to, platform, sink);
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
