package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SvgNumberTest {
  @Property
  void writesWhatTheFormatterWrote(@ForAll double v) {
    assertEquals(String.format(Locale.ROOT, "%.1f", v), SvgNumber.oneDecimal(v));
  }

  @Property
  void writesWhatTheFormatterWroteForCoordinates(@ForAll @DoubleRange(min = -10, max = 2000) double v) {
    assertEquals(String.format(Locale.ROOT, "%.1f", v), SvgNumber.oneDecimal(v));
  }

  @Test
  void roundsTheShortestDecimalHalfUpAsTheFormatterDoes() {
    // 0.15 and 0.25 lie just below and 0.35 just above their decimals in binary; the Formatter rounds all up.
    for (double v : new double[] {0.05, 0.15, 0.25, 0.35, 1.45, 2.55, 170.05, 989.95, 0.0, -0.0, -0.04, 1e20, 4.9e-324,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(String.format(Locale.ROOT, "%.1f", v), SvgNumber.oneDecimal(v), () -> "for " + v);
    }
  }
}
