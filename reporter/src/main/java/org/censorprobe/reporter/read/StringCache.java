package org.censorprobe.reporter.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings looked up by their UTF-8 bytes within a longer array, so that a text seen before costs no new string.
 * Direct-mapped and of fixed size: a collision replaces the older string (it costs one new string later), and
 * memory stays bounded whatever the store holds.
 */
final class StringCache {
  private final String[] strings;
  private final byte[][] keys;

  /** {@code size} must be a power of two. */
  StringCache(int size) {
    if (Integer.bitCount(size) != 1) throw new IllegalArgumentException("size must be a power of two: " + size);
    strings = new String[size];
    keys = new byte[size][];
  }

  /** {@code bytes[from, to)} decoded as UTF-8, or an equal string this cache already held. */
  String get(byte[] bytes, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) hash = 31 * hash + bytes[i];
    int slot = (hash ^ (hash >>> 16)) & (strings.length - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(bytes, from, to, key, 0, key.length)) return strings[slot];
    String fresh = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(bytes, from, to);
    strings[slot] = fresh;
    return fresh;
  }
}
