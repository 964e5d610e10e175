package org.censorprobe.probe.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as written in targets.yaml: a byte count, or a number with B, KiB, MiB or GiB (powers of 1024). */
final class ByteSizeText {
  static final String EXPECTED = "a size such as 65536, 512KiB, 4MiB or 1GiB";
  private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(B|KiB|MiB|GiB)?");

  private ByteSizeText() {}

  /** The size in bytes, or -1 when {@code text} is not a size. */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) return -1;
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift = switch (unit) {
      case "KiB" -> 10;
      case "MiB" -> 20;
      case "GiB" -> 30;
      default -> 0;
    };
    return n << shift;
  }

  /** The largest exact unit: 1GiB, 512KiB, 1000B. */
  static String format(long bytes) {
    if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GiB";
    if (bytes != 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
    if (bytes != 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "KiB";
    return bytes + "B";
  }
}
