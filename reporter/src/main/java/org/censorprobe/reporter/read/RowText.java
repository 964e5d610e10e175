package org.censorprobe.reporter.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a store row's joined text columns (round_id, probe, role, platform, endpoint, verdict, method, joined by
 * U+001F; see {@link StoreReader}), read as SQLite's UTF-8 bytes, into strings, making as few new strings as
 * possible. Rows in time order repeat most columns: a round's rows share its round_id, probe and role, platforms and
 * endpoints come back every round and verdicts are mostly "ok". A column equal to the previous row's gets the
 * previous row's string, the others come from a small cache by their bytes: a million rows make a few thousand
 * strings instead of eight million, and the strings the round assembly hashes keep their cached hash.
 *
 * <p>Bytes rather than sqlite-jdbc's getString: that one copies each row's text twice and decodes all of it, which
 * was the larger part of the reader's time while the JIT was still cold. The separator is ASCII and never part of
 * a multi-byte sequence, so decoding column by column gives the strings decoding the whole text would.
 * Not thread-safe: one per cursor.
 */
final class RowText {
  static final int FIELDS = 7;
  static final byte SEPARATOR = 0x1f;
  private static final int ROUND_ID = 0;

  private final String[] current = new String[FIELDS];
  private final String[] previous = new String[FIELDS];
  private byte[] previousBytes;
  private final int[] previousStarts = new int[FIELDS + 1];
  private final int[] starts = new int[FIELDS + 1];
  private final StringCache cache = new StringCache(4096);

  /**
   * The seven columns, or null when the text is null or has another number of separators. The array is this
   * splitter's own, overwritten by the next split: a new array a row was an eighth of what a report allocated.
   */
  String[] split(byte[] joined) {
    if (joined == null) return null;
    int same = sameLeadingColumns(joined);
    // starts[i] is where column i begins; starts[FIELDS] is one past the end, as if a separator followed. The
    // leading columns the previous row had begin where they began there; the search for separators starts after.
    System.arraycopy(previousStarts, 0, starts, 0, same + 1);
    int found = same;
    for (int i = starts[same]; i < joined.length; i++) {
      if (joined[i] != SEPARATOR) continue;
      if (++found == FIELDS) return null;
      starts[found] = i + 1;
    }
    if (found != FIELDS - 1) return null;
    starts[FIELDS] = joined.length + 1;
    System.arraycopy(previous, 0, current, 0, same);
    for (int i = same; i < FIELDS; i++) current[i] = field(i, joined, starts[i], starts[i + 1] - 1);
    System.arraycopy(current, 0, previous, 0, FIELDS);
    System.arraycopy(starts, 0, previousStarts, 0, FIELDS + 1);
    previousBytes = joined;
    return current;
  }

  /**
   * How many leading columns, each with the separator after it, this row shares byte for byte with the previous
   * row: in time order a round's rows share round id, probe and role, often the platform, so one comparison of the
   * rows' beginnings replaces the search for their separators and four comparisons of columns.
   */
  private int sameLeadingColumns(byte[] joined) {
    if (previousBytes == null) return 0;
    int mismatch = Arrays.mismatch(joined, previousBytes);
    int common = mismatch < 0 ? joined.length : mismatch;
    int same = 0;
    // previousStarts[same + 1] - 1 is the separator after column same: within the common bytes, or not the same
    while (same < FIELDS - 1 && previousStarts[same + 1] <= common) same++;
    return same;
  }

  private String field(int i, byte[] joined, int from, int to) {
    if (previousBytes != null
        && Arrays.equals(joined, from, to, previousBytes, previousStarts[i], previousStarts[i + 1] - 1)) {
      return previous[i];
    }
    // a round id is new once a round: caching it would only push endpoints out
    return i == ROUND_ID ? new String(joined, from, to - from, StandardCharsets.UTF_8) : cache.get(joined, from, to);
  }
}
