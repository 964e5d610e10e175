package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RowTextTest {
  /** The split as it was written first: one new string per column, exactly seven columns or null. */
  private static String[] plainSplit(String joined) {
    if (joined == null) return null;
    String[] f = joined.split(String.valueOf(RowText.SEPARATOR), -1);
    return f.length == RowText.FIELDS ? f : null;
  }

  @Provide
  Arbitrary<List<String>> rows() {
    // few distinct values, so that columns repeat from row to row and collide in the cache; separators and other
    // control characters inside columns, so that some rows have too many or too few columns
    Arbitrary<String> column = Arbitraries.of("", "ok", "blocked", "p1", "https://a.test/", "\u001f", "x\u001fy",
        "\u001e", "Ω", "😀", "r-1", "r-2");
    Arbitrary<String> row = column.list().ofMinSize(5).ofMaxSize(9).map(c -> String.join("\u001f", c));
    return Arbitraries.oneOf(row, row, row, Arbitraries.just(null)).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void splitsEveryRowAsAPlainSplitDoes(@ForAll("rows") List<String> rows) {
    RowText text = new RowText();
    for (String row : rows) assertArrayEquals(plainSplit(row), text.split(row), String.valueOf(row));
  }

  @Test
  void aRepeatedColumnIsThePreviousRowsString() {
    RowText text = new RowText();
    String[] first = text.split(String.join("\u001f", "r1", "probe", "platform", "p", "https://a.test/", "ok", "\u001e"));
    String[] second = text.split(String.join("\u001f", "r1", "probe", "platform", "p", "https://b.test/", "ok", "\u001e"));
    for (int i : new int[] {0, 1, 2, 3, 5, 6}) assertSame(first[i], second[i]);
    String[] third = text.split(String.join("\u001f", "r2", "probe", "platform", "p", "https://a.test/", "ok", "\u001e"));
    assertSame(first[4], third[4], "an endpoint seen two rows before comes from the cache");
  }

  @Test
  void nullOrAWrongNumberOfColumnsIsNull() {
    RowText text = new RowText();
    assertNull(text.split(null));
    assertNull(text.split("a\u001fb"));
    assertNull(text.split(String.join("\u001f", "1", "2", "3", "4", "5", "6", "7", "8")));
  }
}
