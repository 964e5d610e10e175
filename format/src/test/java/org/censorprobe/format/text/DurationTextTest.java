package org.censorprobe.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar of docs/durations.md: every row of its table, read from the document itself. */
class DurationTextTest {
  /** text, expected ISO-8601 or null for "error". */
  private static List<String[]> table() throws IOException {
    List<String[]> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("../docs/durations.md"))) {
      if (line.startsWith("| text |")) {
        inTable = true;
        continue;
      }
      if (!inTable || line.startsWith("|---")) continue;
      if (!line.startsWith("|")) break;
      String[] cells = line.split("\\|", -1);
      String text = cells[1].strip().replaceAll("^`|`$", "");
      String expected = cells[2].strip();
      rows.add(new String[] {text, expected.equals("error") ? null : expected.replace("`", "")});
    }
    return rows;
  }

  @Test
  void everyRowOfTheDocumentedTable() throws IOException {
    List<String[]> rows = table();
    assertTrue(rows.size() >= 20, "the table was read: " + rows.size() + " rows");
    for (String[] row : rows) {
      if (row[1] == null) {
        assertNull(DurationText.parse(row[0]), "'" + row[0] + "' must be refused");
        assertThrows(IllegalArgumentException.class, () -> DurationText.parseOrThrow(row[0]));
      } else {
        assertEquals(Duration.parse(row[1]), DurationText.parse(row[0]), "'" + row[0] + "'");
      }
    }
  }

  @Test
  void formatReadsBack() {
    for (long millis : new long[] {0, 1, 999, 1000, 1500, 60_000, 90_000, 3_600_000, 86_400_000, 90_000_000,
        604_800_000, 7_776_000_000L}) {
      Duration d = Duration.ofMillis(millis);
      assertEquals(d, DurationText.parse(DurationText.format(d)), DurationText.format(d));
    }
    assertEquals("1d", DurationText.format(Duration.ofHours(24)));
    assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
  }
}
