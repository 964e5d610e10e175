package org.censorprobe.reporter.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Steps a store query's result set on a thread of its own and hands its raw columns (row id, measured_at, the
 * joined text's bytes) over a batch at a time, while the caller turns the rows before them into rounds and incidents.
 * Walking a million rows (SQLite's steps and the JNI calls for their columns) is about half of a large report's
 * work; done beside the analysis instead of before each row, a report takes about the longer of the two halves.
 *
 * <p>Bounded: at most {@link #QUEUED} batches of {@link #BATCH} rows wait, plus the one being filled, however far
 * the reader could run ahead. A failure of the reader is thrown by {@link #advance()} after the rows read before it,
 * never taken for the end of the rows. Only the raw columns cross threads: rows are made, and problems reported, on
 * the caller's thread, in the order they had without this class. The caller may meanwhile use the same connection
 * for other statements (sqlite-jdbc serialises calls on a connection), so they see the query's snapshot.
 */
final class ReadAhead implements AutoCloseable {
  static final int BATCH = 1024;
  static final int QUEUED = 4;

  /** Up to BATCH rows; {@code last} after the final row, {@code failure} when reading stopped on an error. */
  private record Batch(long[] rowids, long[] times, byte[][] texts, int size, boolean last, Throwable failure) {}

  private final ResultSet rs;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Thread reader;
  private Batch current;
  private int index;

  /** Starts reading {@code rs}: columns 1 and 2 as longs, 3 as bytes. Close this before closing {@code rs}. */
  ReadAhead(ResultSet rs, String name) {
    this.rs = rs;
    this.reader = new Thread(this::read, "read-ahead " + name);
    // a caller that failed before close() must not keep the JVM alive
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      boolean last = false;
      while (!last) {
        Batch batch = fill();
        last = batch.last();
        queue.put(batch);
      }
    } catch (InterruptedException e) {
      // close(): the caller wants no more rows
    }
  }

  /** The next rows; a failure ends the batch after the rows read before it. */
  private Batch fill() {
    long[] rowids = new long[BATCH];
    long[] times = new long[BATCH];
    byte[][] texts = new byte[BATCH][];
    int n = 0;
    try {
      while (n < BATCH) {
        if (!rs.next()) return new Batch(rowids, times, texts, n, true, null);
        rowids[n] = rs.getLong(1);
        times[n] = rs.getLong(2);
        texts[n] = rs.getBytes(3);
        n++;
      }
      return new Batch(rowids, times, texts, n, false, null);
    } catch (Throwable t) { // an Error too: the caller must not wait for rows that will never come
      return new Batch(rowids, times, texts, n, true, t);
    }
  }

  /**
   * Moves to the next row; false after the last. Throws the reader's failure (an SQLException as such, anything
   * else wrapped in one, an Error as itself) once the rows read before it are consumed.
   */
  boolean advance() throws SQLException {
    index++;
    while (current == null || index >= current.size()) {
      if (current != null && current.last()) {
        fail(current.failure());
        index = current.size(); // stay at the end
        return false;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for store rows", e);
      }
      index = 0;
    }
    return true;
  }

  private static void fail(Throwable failure) throws SQLException {
    if (failure == null) return;
    if (failure instanceof SQLException e) throw e;
    if (failure instanceof Error e) throw e;
    throw new SQLException(failure.toString(), failure);
  }

  long rowid() {
    return current.rowids()[index];
  }

  long measuredAtMs() {
    return current.times()[index];
  }

  /** The joined text columns as SQLite's UTF-8 bytes (null when a column was null). */
  byte[] text() {
    return current.texts()[index];
  }

  /** Stops the reader and waits for it, so that the result set can be closed; the rows not consumed are dropped. */
  @Override
  public void close() {
    reader.interrupt();
    queue.clear(); // a reader blocked on a full queue returns at once
    boolean interrupted = false;
    while (true) {
      try {
        reader.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
