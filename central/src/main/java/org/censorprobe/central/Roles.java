package org.censorprobe.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Login roles: one per probe (member of {@code censorprobe_probe}, writes only as its probe id) and readers for
 * the reporter (member of {@code censorprobe_reader}). Passwords are sent as SCRAM verifiers computed here, so
 * the clear text never reaches the server's statement log.
 */
public final class Roles {
  /** The probe's own rule for ids (targets.yaml probe.id). */
  public static final Pattern PROBE_ID = Pattern.compile("[a-z0-9._-]{1,64}");
  /** PostgreSQL truncates longer names: refuse them instead. */
  static final int MAX_ROLE_BYTES = 63;

  /**
   * Per-role limits, so that a probe whose connection was cut by the network never holds locks for long: the
   * server ends a session idle inside a transaction, and checks for a vanished client during a long statement.
   */
  static final String[] PROBE_SETTINGS = {
      "statement_timeout = '120s'",
      "lock_timeout = '30s'",
      "idle_in_transaction_session_timeout = '60s'",
      "client_connection_check_interval = '10s'",
  };

  private Roles() {}

  public static String defaultProbeRole(String probeId) {
    return "probe_" + probeId;
  }

  /** Creates the probe's role or, when it exists for the same probe, sets its password anew. */
  public static void addProbe(Connection admin, String probeId, String role, String password) throws SQLException {
    if (!PROBE_ID.matcher(probeId).matches()) {
      throw new IllegalArgumentException("probe id '" + probeId + "' is not a probe id (a-z 0-9 . _ -, at most 64)");
    }
    checkRoleName(role);
    boolean auto = admin.getAutoCommit();
    admin.setAutoCommit(false);
    try {
      String mapped = probeOf(admin, role);
      boolean exists = roleExists(admin, role);
      if (exists && mapped == null) {
        throw new IllegalArgumentException("role '" + role + "' exists and is not a probe's role; choose another"
            + " with --role");
      }
      if (mapped != null && !mapped.equals(probeId)) {
        throw new IllegalArgumentException("role '" + role + "' already writes as probe '" + mapped + "'");
      }
      String other = roleOf(admin, probeId);
      if (other != null && !other.equals(role)) {
        throw new IllegalArgumentException("probe '" + probeId + "' already has role '" + other + "'");
      }
      try (Statement s = admin.createStatement()) {
        if (!exists) s.execute("CREATE ROLE " + ident(admin, role) + " LOGIN INHERIT CONNECTION LIMIT 4");
        s.execute("GRANT censorprobe_probe TO " + ident(admin, role));
        for (String setting : PROBE_SETTINGS) s.execute("ALTER ROLE " + ident(admin, role) + " SET " + setting);
      }
      if (mapped == null) {
        try (PreparedStatement ps = admin.prepareStatement(
            "INSERT INTO censorprobe.probe_roles(role_name, probe) VALUES (?, ?)")) {
          ps.setString(1, role);
          ps.setString(2, probeId);
          ps.executeUpdate();
        }
      }
      setPassword(admin, role, password);
      admin.commit();
    } catch (SQLException | RuntimeException e) {
      admin.rollback();
      throw e;
    } finally {
      admin.setAutoCommit(auto);
    }
  }

  /** A reporter's role: reads every probe's rows, writes nothing. */
  public static void addReader(Connection admin, String role, String password) throws SQLException {
    checkRoleName(role);
    boolean auto = admin.getAutoCommit();
    admin.setAutoCommit(false);
    try (Statement s = admin.createStatement()) {
      if (probeOf(admin, role) != null) throw new IllegalArgumentException("role '" + role + "' is a probe's role");
      if (roleExists(admin, role) && !isMember(admin, role, "censorprobe_reader")) {
        throw new IllegalArgumentException("role '" + role + "' exists and is not a reader's role; choose another");
      }
      if (!roleExists(admin, role)) s.execute("CREATE ROLE " + ident(admin, role) + " LOGIN INHERIT");
      s.execute("GRANT censorprobe_reader TO " + ident(admin, role));
      setPassword(admin, role, password);
      admin.commit();
    } catch (SQLException | RuntimeException e) {
      admin.rollback();
      throw e;
    } finally {
      admin.setAutoCommit(auto);
    }
  }

  private static void setPassword(Connection admin, String role, String password) throws SQLException {
    admin.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), null);
  }

  private static void checkRoleName(String role) {
    if (role.isEmpty() || role.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ROLE_BYTES) {
      throw new IllegalArgumentException("role name '" + role + "' is empty or longer than " + MAX_ROLE_BYTES
          + " bytes (PostgreSQL would cut it); choose one with --role");
    }
    if (role.startsWith("pg_") || role.equals("censorprobe_probe") || role.equals("censorprobe_reader")) {
      throw new IllegalArgumentException("role name '" + role + "' is reserved");
    }
  }

  static String probeOf(Connection c, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT probe FROM censorprobe.probe_roles WHERE role_name = ?")) {
      ps.setString(1, role);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  static String roleOf(Connection c, String probe) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT role_name FROM censorprobe.probe_roles WHERE probe = ?")) {
      ps.setString(1, probe);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  static boolean roleExists(Connection c, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet r = ps.executeQuery()) {
        return r.next();
      }
    }
  }

  static boolean isMember(Connection c, String role, String group) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_has_role(?, ?, 'MEMBER')")) {
      ps.setString(1, role);
      ps.setString(2, group);
      try (ResultSet r = ps.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  static String ident(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
      ps.setString(1, name);
      try (ResultSet r = ps.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
