package org.censorprobe.reporter.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RowTextTest {
  /**
   * The split as it was before: sqlite-jdbc's getString (the whole text decoded as UTF-8), then one new string per
   * column, exactly seven columns or null.
   */
  private static String[] plainSplit(byte[] joined) {
    if (joined == null) return null;
    String[] f = new String(joined, UTF_8).split("\u001f", -1);
    return f.length == RowText.FIELDS ? f : null;
  }

  private static byte[] row(String... columns) {
    return String.join("\u001f", columns).getBytes(UTF_8);
  }

  @Provide
  Arbitrary<List<byte[]>> rows() {
    // few distinct values, so that columns repeat from row to row and collide in the cache; separators inside
    // columns, so that some rows have too many or too few; bytes that are not UTF-8 (a lone continuation byte, a
    // sequence cut short, an overlong form), as a store written by something else may hold
    Arbitrary<byte[]> column = Arbitraries.of(b(""), b("ok"), b("blocked"), b("p1"), b("https://a.test/"), b("\u001f"),
        b("x\u001fy"), b("\u001e"), b("Ω"), b("😀"), b("r-1"), b("r-2"), new byte[] {(byte) 0x80},
        new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
        new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {'a', (byte) 0xff, 'b'});
    Arbitrary<byte[]> row = column.list().ofMinSize(5).ofMaxSize(9).map(columns -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) out.write(0x1f);
        out.writeBytes(columns.get(i));
      }
      return out.toByteArray();
    });
    return Arbitraries.oneOf(row, row, row, Arbitraries.just(null)).list().ofMaxSize(40);
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Property(tries = 500)
  void splitsEveryRowAsDecodingAndSplittingTheWholeTextDoes(@ForAll("rows") List<byte[]> rows) {
    RowText text = new RowText();
    for (byte[] row : rows) {
      assertArrayEquals(plainSplit(row), text.split(row), row == null ? "null" : new String(row, UTF_8));
    }
  }

  @Test
  void aRepeatedColumnIsThePreviousRowsString() {
    RowText text = new RowText();
    String[] first = copy(text.split(row("r1", "probe", "platform", "p", "https://a.test/", "ok", "\u001e")));
    String[] second = copy(text.split(row("r1", "probe", "platform", "p", "https://b.test/", "ok", "\u001e")));
    for (int i : new int[] {0, 1, 2, 3, 5, 6}) assertSame(first[i], second[i]);
    String[] third = copy(text.split(row("r2", "probe", "platform", "p", "https://a.test/", "ok", "\u001e")));
    assertSame(first[4], third[4], "an endpoint seen two rows before comes from the cache");
  }

  private static String[] copy(String[] columns) {
    return columns.clone(); // the splitter's own array: the next split overwrites it
  }

  @Test
  void nullOrAWrongNumberOfColumnsIsNull() {
    RowText text = new RowText();
    assertNull(text.split(null));
    assertNull(text.split(row("a", "b")));
    assertNull(text.split(row("1", "2", "3", "4", "5", "6", "7", "8")));
  }
}
