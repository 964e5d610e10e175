package org.censorprobe.reporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.read.InputException;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.RowCursor;
import org.censorprobe.reporter.read.RowFilter;
import org.censorprobe.reporter.read.StoreReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose read fails half-way (a damaged page of the index the report walks): the report fails with a clear
 * message and a non-zero exit, and writes nothing; the rows read before the failure are never a report of their own.
 */
class BrokenStoreTest {
  private static final int ROWS = 20_000;
  private static final Instant FIRST = Instant.parse("2026-11-20T00:00:00Z");

  @TempDir Path dir;
  private Path store;

  @BeforeEach
  void damagedStore() throws Exception {
    store = dir.resolve("damaged.db");
    long before;
    long after;
    int pageSize;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = db.createStatement()) {
      // the probe's store schema (version 1), the report's covering index made after the rows: its pages are
      // then the last ones of the file, in order
      s.execute("CREATE TABLE measurements (id TEXT PRIMARY KEY, round_id TEXT NOT NULL, measured_at INTEGER NOT NULL,"
          + " probe TEXT NOT NULL, role TEXT NOT NULL, platform TEXT NOT NULL, endpoint TEXT NOT NULL,"
          + " verdict TEXT NOT NULL, method TEXT, record TEXT NOT NULL)");
      s.execute("PRAGMA user_version = 1");
      try (PreparedStatement insert = db.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1"
          + " FROM n WHERE i < ? - 1) INSERT INTO measurements SELECT 'm' || i, 'r' || (i / 10), ? + i * 1000, 'p',"
          + " 'platform', 'x' || (i % 10), 'https://e' || (i % 10) || '.test/', 'ok', NULL, ? FROM n")) {
        insert.setInt(1, ROWS);
        insert.setLong(2, FIRST.toEpochMilli());
        insert.setString(3, Histories.all().get("event").get(0));
        insert.execute();
      }
      before = single(s, "PRAGMA page_count");
      s.execute("CREATE INDEX measurements_report ON measurements(measured_at, probe, platform, role, round_id,"
          + " endpoint, verdict, method)");
      after = single(s, "PRAGMA page_count");
      pageSize = (int) single(s, "PRAGMA page_size");
    }
    // a page in the middle of the index: not a b-tree page any more
    byte[] garbage = new byte[pageSize];
    Arrays.fill(garbage, (byte) 0xff);
    long page = (before + after) / 2;
    try (RandomAccessFile f = new RandomAccessFile(store.toFile(), "rw")) {
      f.seek((page - 1) * pageSize);
      f.write(garbage);
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theReadFailsHalfWayWithTheStoreNamed() {
    long read = 0;
    InputException failure = null;
    try (RowCursor cursor = new StoreReader(new InputProblems(false)).open(store, RowFilter.ALL)) {
      while (cursor.next() != null) read++;
    } catch (InputException e) {
      failure = e;
    }
    assertNotNull(failure, "the damage ends the read with an error, not as the end of the rows (" + read + " rows)");
    assertTrue(failure.getMessage().startsWith(store + ": cannot read the store: "), failure.getMessage());
    assertTrue(failure.getMessage().contains("malformed"), failure.getMessage());
    assertTrue(read > 0 && read < ROWS, "the damage is half-way: " + read + " rows were read before it");
  }

  @Test
  void theReportFailsWithAClearMessageAndWritesNothing() {
    Path out = dir.resolve("report.json");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit = Main.run(new String[] {"--store", store.toString(), "--from", "2026-11-19T00:00:00Z", "--to",
        "2026-11-21T00:00:00Z", "--format", "json", "--out", out.toString()},
        Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC), new PrintWriter(stdout),
        new PrintWriter(stderr));
    assertEquals(Main.EXIT_INPUT, exit, stderr.toString());
    assertTrue(stderr.toString().contains("reporter: " + store + ": cannot read the store: "), stderr.toString());
    assertTrue(stderr.toString().contains("malformed"), stderr.toString());
    assertFalse(out.toFile().exists(), "no report from the rows before the failure");
    assertEquals("", stdout.toString());
  }
}
