package org.censorprobe.reporter.read;

/**
 * Splits a store row's joined text columns (round_id, probe, role, platform, endpoint, verdict, method, joined by
 * U+001F; see {@link StoreReader}) with as few new strings as possible. Rows in time order repeat most columns: a
 * round's rows share its round_id, probe and role, the platforms and endpoints come back every round and verdicts
 * are mostly "ok". A column equal to the previous row's gets the previous row's string, and the others come from a
 * small cache by their text: a million rows make a few thousand strings instead of seven million, and the strings
 * that the round assembly hashes keep their cached hash. Not thread-safe: one per cursor.
 */
final class RowText {
  static final int FIELDS = 7;
  static final char SEPARATOR = '\u001f';
  private static final int ROUND_ID = 0;

  private final String[] previous = new String[FIELDS];
  private final StringCache cache = new StringCache(4096);

  /** The seven columns, or null when the text is null or has another number of separators. */
  String[] split(String joined) {
    if (joined == null) return null;
    String[] fields = new String[FIELDS];
    int start = 0;
    for (int i = 0; i < FIELDS; i++) {
      int end = i < FIELDS - 1 ? joined.indexOf(SEPARATOR, start) : joined.length();
      if (end < 0) return null;
      if (i == FIELDS - 1 && joined.indexOf(SEPARATOR, start) >= 0) return null;
      fields[i] = field(i, joined, start, end);
      start = end + 1;
    }
    System.arraycopy(fields, 0, previous, 0, FIELDS);
    return fields;
  }

  private String field(int i, String joined, int start, int end) {
    String last = previous[i];
    int length = end - start;
    if (last != null && last.length() == length && joined.regionMatches(start, last, 0, length)) return last;
    // a round id is new once a round: caching it would only push endpoints out
    return i == ROUND_ID ? joined.substring(start, end) : cache.get(joined, start, end);
  }
}
