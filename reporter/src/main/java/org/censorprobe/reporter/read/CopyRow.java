package org.censorprobe.reporter.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One row of PostgreSQL's COPY text format, split into its fields without copying the line: fields end at a tab,
 * the row at a newline, {@code \N} is null and a backslash escapes the rest (docs: COPY, "Text Format"). Reused
 * row after row: a million rows are a million lines, and the fields of each are read once.
 */
final class CopyRow {
  private final int[] start;
  private final int[] end;
  private final int columns;
  private byte[] line;

  CopyRow(int columns) {
    this.columns = columns;
    this.start = new int[columns];
    this.end = new int[columns];
  }

  /** Splits the line; false when it does not have exactly the expected number of fields. */
  boolean split(byte[] bytes) {
    line = bytes;
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\n') n--;
    if (n > 0 && bytes[n - 1] == '\r') n--;
    int field = 0;
    start[0] = 0;
    for (int i = 0; i < n; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        i++; // the escaped byte is never a separator
      } else if (b == '\t') {
        if (field + 1 >= columns) return false;
        end[field] = i;
        start[++field] = i + 1;
      }
    }
    end[field] = n;
    return field == columns - 1;
  }

  /** The field as text, null for {@code \N}. */
  String text(int k) {
    return text(k, null);
  }

  /** As above, through a cache for a column whose values repeat. */
  String text(int k, TextCache cache) {
    int s = start[k];
    int e = end[k];
    if (e - s == 2 && line[s] == '\\' && line[s + 1] == 'N') return null;
    for (int i = s; i < e; i++) {
      if (line[i] == '\\') return unescape(s, e);
    }
    return cache != null ? cache.get(line, s, e) : new String(line, s, e - s, StandardCharsets.UTF_8);
  }

  /** The field as a decimal integer; an unreadable one is {@link Long#MIN_VALUE}. */
  long number(int k) {
    int s = start[k];
    int e = end[k];
    if (s == e) return Long.MIN_VALUE;
    boolean negative = line[s] == '-';
    long v = 0;
    for (int i = negative ? s + 1 : s; i < e; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) return Long.MIN_VALUE;
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private String unescape(int s, int e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(e - s);
    for (int i = s; i < e; i++) {
      byte b = line[i];
      if (b != '\\' || i + 1 >= e) {
        out.write(b);
        continue;
      }
      byte c = line[++i];
      switch (c) {
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(0x0b);
        case 'x' -> {
          int v = 0;
          int digits = 0;
          while (digits < 2 && i + 1 < e && Character.digit(line[i + 1], 16) >= 0) {
            v = v * 16 + Character.digit(line[++i], 16);
            digits++;
          }
          out.write(digits == 0 ? 'x' : v);
        }
        default -> {
          if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int d = 0; d < 2 && i + 1 < e && line[i + 1] >= '0' && line[i + 1] <= '7'; d++) {
              v = v * 8 + (line[++i] - '0');
            }
            out.write(v);
          } else {
            out.write(c); // \\ and any other escaped byte stand for themselves
          }
        }
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
