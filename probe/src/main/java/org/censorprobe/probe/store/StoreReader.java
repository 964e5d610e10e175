package org.censorprobe.probe.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A read-only view of the store, in time order: what {@code probe export} and readers use. */
public final class StoreReader implements AutoCloseable {
  private final Connection connection;

  StoreReader(Connection connection) {
    this.connection = connection;
  }

  /** Measurements with {@code from <= measured_at < to}, optionally of one platform, oldest first. */
  public void read(Instant from, Instant to, String platform, Consumer<StoredMeasurement> sink) {
    read(connection, null, from, to, platform, sink);
  }

  static void read(Connection c, Path file, Instant from, Instant to, String platform,
                   Consumer<StoredMeasurement> sink) {
    String sql = "SELECT id, round_id, measured_at, platform, endpoint, verdict, method, record FROM measurements "
        + "WHERE measured_at >= ? AND measured_at < ?" + (platform == null ? "" : " AND platform = ?")
        + " ORDER BY measured_at, id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from.toEpochMilli());
      ps.setLong(2, to.toEpochMilli());
      if (platform != null) ps.setString(3, platform);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          sink.accept(new StoredMeasurement(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
              r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException((file == null ? "store" : file.toString()) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * When each round with a measurement in the range began: the earliest {@code measured_at} of all its rows, in
   * the range or not, so that a round cut by the range's edge still has one start (the OONI export's
   * test_start_time and report id).
   */
  public Map<String, Instant> roundStarts(Instant from, Instant to, String platform) {
    String sql = "SELECT round_id, MIN(measured_at) FROM measurements WHERE round_id IN (SELECT round_id FROM "
        + "measurements WHERE measured_at >= ? AND measured_at < ?" + (platform == null ? "" : " AND platform = ?")
        + ") GROUP BY round_id";
    Map<String, Instant> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, from.toEpochMilli());
      ps.setLong(2, to.toEpochMilli());
      if (platform != null) ps.setString(3, platform);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) out.put(r.getString(1), Instant.ofEpochMilli(r.getLong(2)));
      }
    } catch (SQLException e) {
      throw new StoreException("store: cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void close() {
    MeasurementStore.closeQuietly(connection);
  }
}
