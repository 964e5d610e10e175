package org.censorprobe.reporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporter's twin of the probe's duration parser, held to the same table: docs/durations.md. */
class DurationTextTest {
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
    Clock clock = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);
    for (String[] row : rows) {
      if (row[1] == null) {
        assertNull(DurationText.parse(row[0]), "'" + row[0] + "' must be refused");
        assertThrows(IllegalArgumentException.class, () -> TimeArgument.duration(row[0]));
      } else {
        Duration d = Duration.parse(row[1]);
        assertEquals(d, DurationText.parse(row[0]), "'" + row[0] + "'");
        assertEquals(clock.instant().minus(d), TimeArgument.parse(row[0], clock), "'" + row[0] + "' as an age");
      }
    }
  }
}
