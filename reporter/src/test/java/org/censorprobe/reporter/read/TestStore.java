package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** A store with the schema of docs/measurement-format.md, written the way the probe writes it. */
public final class TestStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connection db;
  private final PreparedStatement insert;

  public TestStore(Path file, int userVersion) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE measurements (id TEXT PRIMARY KEY, round_id TEXT NOT NULL, measured_at INTEGER NOT NULL,"
          + " probe TEXT NOT NULL, role TEXT NOT NULL, platform TEXT NOT NULL, endpoint TEXT NOT NULL,"
          + " verdict TEXT NOT NULL, method TEXT, record TEXT NOT NULL)");
      s.execute("CREATE INDEX measurements_time ON measurements(measured_at)");
      s.execute("CREATE INDEX measurements_platform ON measurements(probe, platform, measured_at)");
      s.execute("PRAGMA user_version = " + userVersion);
    }
    db.setAutoCommit(false);
    insert = db.prepareStatement("INSERT INTO measurements(id, round_id, measured_at, probe, role, platform, endpoint,"
        + " verdict, method, record) VALUES (?,?,?,?,?,?,?,?,?,?)");
  }

  public void add(String jsonLine) throws SQLException, IOException {
    JsonNode n = JSON.readTree(jsonLine);
    insert.setString(1, n.get("id").asText());
    insert.setString(2, n.get("round_id").asText());
    insert.setLong(3, Instant.parse(n.get("measured_at").asText()).toEpochMilli());
    insert.setString(4, n.get("probe").asText());
    insert.setString(5, n.get("role").asText());
    insert.setString(6, n.get("platform").asText());
    insert.setString(7, n.get("endpoint").asText());
    insert.setString(8, n.get("verdict").asText());
    insert.setString(9, n.get("method").isNull() ? null : n.get("method").asText());
    insert.setString(10, jsonLine);
    insert.addBatch();
  }

  public void addAll(List<String> lines) throws SQLException, IOException {
    for (String l : lines) add(l);
    commit();
  }

  /** Inserts columns and a record text as given, for records the reader must survive. */
  public void addRaw(String id, String roundId, long at, String probe, String verdict, String record) throws SQLException {
    insert.setString(1, id);
    insert.setString(2, roundId);
    insert.setLong(3, at);
    insert.setString(4, probe);
    insert.setString(5, "platform");
    insert.setString(6, "facebook");
    insert.setString(7, "www.facebook.com:443");
    insert.setString(8, verdict);
    insert.setString(9, null);
    insert.setString(10, record);
    insert.addBatch();
  }

  public void commit() throws SQLException {
    insert.executeBatch();
    db.commit();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    db.close();
  }
}
