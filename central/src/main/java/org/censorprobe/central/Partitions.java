package org.censorprobe.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Monthly partitions of {@code censorprobe.measurements}: made ahead, dropped whole by retention. */
public final class Partitions {
  private Partitions() {}

  /** Makes the partitions of {@code from}'s month and the {@code monthsAhead} after it; returns how many were new. */
  public static int ensure(Connection admin, LocalDate from, int monthsAhead) throws SQLException {
    try (PreparedStatement ps = admin.prepareStatement("SELECT censorprobe.ensure_partitions(?, ?)")) {
      ps.setInt(1, monthsAhead);
      ps.setObject(2, from);
      try (ResultSet r = ps.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** Drops every monthly partition wholly older than {@code cutoff}; returns their names. */
  public static List<String> dropBefore(Connection admin, Instant cutoff) throws SQLException {
    List<String> dropped = new ArrayList<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT censorprobe.drop_partitions_before(?)")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) dropped.add(r.getString(1));
      }
    }
    return dropped;
  }

  /** Rows no monthly partition holds (a probe clock far off, or maintenance late): a number worth a warning. */
  public static long defaultRows(Connection admin) throws SQLException {
    try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM censorprobe.measurements_default");
         ResultSet r = ps.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The monthly partitions, oldest first. */
  public static List<String> list(Connection admin) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON"
        + " c.oid = i.inhrelid WHERE i.inhparent = 'censorprobe.measurements'::regclass AND c.relname <>"
        + " 'measurements_default' ORDER BY c.relname");
         ResultSet r = ps.executeQuery()) {
      while (r.next()) out.add(r.getString(1));
    }
    return out;
  }
}
