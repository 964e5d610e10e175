package org.censorprobe.reporter.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A coordinate of the timeline's SVG with one decimal, the same text {@code String.format(Locale.ROOT, "%.1f", v)}
 * gives. Not through {@link java.util.Formatter}: its first use in a fresh JVM parses the pattern with regular
 * expressions and loads locale data (25-40 ms measured on the reporter's JVM), a cost only the HTML report paid.
 */
final class SvgNumber {
  private SvgNumber() {}

  static String oneDecimal(double v) {
    if (!Double.isFinite(v)) return String.format(Locale.ROOT, "%.1f", v);
    // The Formatter rounds the shortest decimal that reads back as v (Double.toString's digits) half up, not v's
    // exact binary value: 0.15 gives 0.2. Reading those digits into a BigDecimal rounds the same way.
    boolean negative = Double.doubleToRawLongBits(v) < 0;
    String digits = new BigDecimal(Double.toString(Math.abs(v))).setScale(1, RoundingMode.HALF_UP).toPlainString();
    return negative ? "-" + digits : digits;
  }
}
