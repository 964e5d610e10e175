package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sqlite.Function;

/** The read-ahead over a real SQLite query: rows counted by SQLite itself, row ids 1..n. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadAheadTest {
  private Connection db;
  private final AtomicLong stepped = new AtomicLong();

  @BeforeEach
  void open() throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite::memory:");
    // counts the rows SQLite has produced, whichever thread steps the query
    Function.create(db, "stepped", new Function() {
      @Override
      protected void xFunc() throws SQLException {
        result(stepped.incrementAndGet());
      }
    });
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  /** Rows 1..n: (i, i * 10, 'row i'); the row {@code failAt} holds malformed JSON, which SQLite fails on. */
  private ResultSet rows(long n, long failAt) throws SQLException {
    PreparedStatement q = db.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
        + " WHERE i < ?) SELECT i, i * 10 + 0 * stepped(), CASE WHEN i = ? THEN json('{not json') ELSE 'row ' || i END"
        + " FROM n");
    q.setLong(1, n);
    q.setLong(2, failAt);
    return q.executeQuery();
  }

  @Test
  void givesEveryRowInOrderAcrossBatches() throws SQLException {
    long n = ReadAhead.BATCH * 3L + 7;
    try (ReadAhead rows = new ReadAhead(rows(n, -1), "test")) {
      for (long i = 1; i <= n; i++) {
        assertTrue(rows.advance(), "row " + i);
        assertEquals(i, rows.rowid());
        assertEquals(i * 10, rows.measuredAtMs());
        assertEquals("row " + i, new String(rows.text(), StandardCharsets.UTF_8));
      }
      assertFalse(rows.advance());
      assertFalse(rows.advance(), "stays at the end");
    }
  }

  @Test
  void anEmptyQueryEndsAtOnce() throws SQLException {
    try (ReadAhead rows = new ReadAhead(db.prepareStatement("SELECT 1, 2, 'x' WHERE 0").executeQuery(), "test")) {
      assertFalse(rows.advance());
    }
  }

  @Test
  void aFailureMidwayIsThrownAfterTheRowsBeforeItNeverTakenForTheEnd() throws SQLException {
    long failAt = ReadAhead.BATCH * 2L + 10;
    try (ReadAhead rows = new ReadAhead(rows(failAt * 2, failAt), "test")) {
      for (long i = 1; i < failAt; i++) {
        assertTrue(rows.advance(), "row " + i);
        assertEquals(i, rows.rowid());
      }
      SQLException e = assertThrows(SQLException.class, rows::advance);
      assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
      assertThrows(SQLException.class, rows::advance, "and again: the end never comes silently");
    }
  }

  @Test
  void theReaderStopsAFewBatchesAheadAndCloseEndsIt() throws SQLException {
    long n = ReadAhead.BATCH * 1000L;
    ReadAhead rows = new ReadAhead(rows(n, -1), "bounded");
    Thread reader = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("read-ahead bounded")).findFirst().orElseThrow();
    // nothing is consumed: the reader fills the queue and one batch more, then waits on the full queue
    while (reader.getState() != Thread.State.WAITING) Thread.onSpinWait();
    long ahead = stepped.get();
    assertTrue(ahead <= (ReadAhead.QUEUED + 1L) * ReadAhead.BATCH + 1, "rows read ahead: " + ahead);
    assertTrue(ahead >= (long) ReadAhead.QUEUED * ReadAhead.BATCH, "rows read ahead: " + ahead);
    assertTrue(rows.advance());
    assertEquals(1, rows.rowid());
    rows.close();
    assertFalse(reader.isAlive(), "close() waits for the reader");
    assertTrue(stepped.get() < n, "the reader stopped at close(): " + stepped.get());
  }
}
