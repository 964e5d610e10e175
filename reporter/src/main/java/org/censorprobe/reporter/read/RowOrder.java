package org.censorprobe.reporter.read;

import java.util.Comparator;

/**
 * The one order every source gives its rows in: time, then the columns of the probe's covering index
 * ({@code measured_at, probe, platform, role, round_id, endpoint, verdict, method}), so that rows measured in the
 * same millisecond come out the same way from a probe's SQLite store (which walks that index), from the central
 * PostgreSQL ({@code ORDER BY} the same columns, byte order) and from JSON lines (sorted with this comparator).
 * Reports built from different copies of the same measurements are then the same report, evidence samples included.
 */
public final class RowOrder {
  /** The SQL {@code ORDER BY} list after {@code measured_at}; both stores compare text as bytes, as below. */
  static final String TIE_COLUMNS = "probe, platform, role, round_id, endpoint, verdict, method";

  public static final Comparator<MeasurementRow> ROWS = Comparator.comparingLong(MeasurementRow::measuredAtMs)
      .thenComparing(MeasurementRow::probe, RowOrder::bytes)
      .thenComparing(MeasurementRow::platform, RowOrder::bytes)
      .thenComparing(r -> r.role().label(), RowOrder::bytes)
      .thenComparing(MeasurementRow::roundId, RowOrder::bytes)
      .thenComparing(MeasurementRow::endpoint, RowOrder::bytes)
      .thenComparing(r -> r.status().label(), RowOrder::bytes)
      .thenComparing(r -> r.method() == null ? null : r.method().wire(),
          Comparator.nullsFirst(RowOrder::bytes)); // NULL first, as SQLite sorts it

  private RowOrder() {}

  /**
   * UTF-8 byte order, which is code point order (String.compareTo is UTF-16 order, which differs from it above
   * U+FFFF): what SQLite's BINARY and PostgreSQL's "C" collations give.
   */
  static int bytes(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
