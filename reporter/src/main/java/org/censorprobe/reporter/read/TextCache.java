package org.censorprobe.reporter.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The same few values (probe ids, platforms, endpoints, verdicts, the round of the moment) come back row after row:
 * decode each once and hand out the same String, instead of a new one for each of a million rows. A slot holds
 * the last value whose bytes hashed to it; a miss just decodes.
 */
final class TextCache {
  private static final int SLOTS = 512;
  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  String get(byte[] line, int start, int end) {
    int h = 1;
    for (int i = start; i < end; i++) h = 31 * h + line[i];
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] k = keys[slot];
    if (k != null && Arrays.equals(k, 0, k.length, line, start, end)) return values[slot];
    String v = new String(line, start, end - start, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(line, start, end);
    values[slot] = v;
    return v;
  }
}
