package org.censorprobe.probe.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.censorprobe.central.Migrations;
import org.censorprobe.central.Roles;
import org.censorprobe.central.testing.PostgresServer;
import org.censorprobe.probe.config.UploadSettings;

/** A migrated central database on a real PostgreSQL, and the probes' roles and password files in it. */
public final class CentralFixture {
  public final PostgresServer.Database db;
  private final Path dir;

  public CentralFixture(PostgresServer server, Path dir) {
    this.db = server.newDatabase();
    this.dir = dir;
    Migrations.migrate(db.jdbcUrl(), db.adminRole(), db.adminPassword());
  }

  /** Adds the probe's role; returns its upload settings (TLS verify-full against the test CA). */
  public UploadSettings addProbe(String probeId, int port, int batch) throws Exception {
    Path pw = dir.resolve(probeId + ".pw");
    Files.writeString(pw, "pw-" + probeId + "\n");
    try (Connection admin = db.admin()) {
      Roles.addProbe(admin, probeId, Roles.defaultProbeRole(probeId), "pw-" + probeId);
    }
    return settings(probeId, port, batch, pw, db.server().caFile());
  }

  /**
   * The connect deadline is generous: a child JVM's first TLS handshake and SCRAM login took more than 5 s on a
   * two-core machine busy with other builds. No test here waits for a connect to time out.
   */
  public UploadSettings settings(String probeId, int port, int batch, Path pw, Path ca) {
    return new UploadSettings("127.0.0.1", port, db.name(), Roles.defaultProbeRole(probeId), pw, ca, batch,
        Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(30));
  }

  public long count(String sql) throws SQLException {
    try (Connection c = db.admin(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** id -> how many times the central store holds it, for one probe. */
  public Map<String, Integer> idCounts(String probe) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (Connection c = db.admin();
         PreparedStatement ps = c.prepareStatement("SELECT id, count(*) FROM censorprobe.measurements WHERE probe = ?"
             + " GROUP BY id")) {
      ps.setString(1, probe);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }
}
