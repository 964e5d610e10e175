package org.censorprobe.reporter.read;

/**
 * Strings looked up by a region of a longer text, so that a text seen before costs no new string. Direct-mapped
 * and of fixed size: a collision replaces the older string (it costs one substring later), and memory stays
 * bounded whatever the store holds.
 */
final class StringCache {
  private final String[] slots;

  /** {@code size} must be a power of two. */
  StringCache(int size) {
    if (Integer.bitCount(size) != 1) throw new IllegalArgumentException("size must be a power of two: " + size);
    slots = new String[size];
  }

  /** {@code text.substring(from, to)}, or an equal string this cache already held. */
  String get(String text, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) hash = 31 * hash + text.charAt(i);
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    String held = slots[slot];
    int length = to - from;
    if (held != null && held.length() == length && text.regionMatches(from, held, 0, length)) return held;
    String fresh = text.substring(from, to);
    slots[slot] = fresh;
    return fresh;
  }
}
