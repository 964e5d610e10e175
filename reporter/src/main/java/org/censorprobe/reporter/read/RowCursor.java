package org.censorprobe.reporter.read;

/**
 * An open source of rows in {@link RowOrder}, read one at a time, so several can be merged by time. Records are
 * fetched lazily through the source's connection: close the cursor only once nothing holds its rows any more.
 */
public interface RowCursor extends AutoCloseable {
  /** The next row, or null when there are no more. */
  MeasurementRow next();

  /** What the rows come from, for the report's header (never a credential). */
  String source();

  @Override
  void close();
}
