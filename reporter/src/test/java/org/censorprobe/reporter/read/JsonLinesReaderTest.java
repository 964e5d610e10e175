package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.reporter.histories.Histories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
  @TempDir Path dir;

  private Path withBadLines() throws Exception {
    List<String> lines = new ArrayList<>(Histories.all().get("mixed").subList(0, 4));
    lines.add(2, "{\"schema\":1, this is not json");
    lines.add(4, "{\"schema\":1,\"measured_at\":\"2026-11-20T06:00:00Z\"}");
    lines.add("");
    lines.add("[1,2]");
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void malformedLinesAreSkippedCountedAndNamedByLine() throws Exception {
    Path file = withBadLines();
    InputProblems problems = new InputProblems(false);
    List<MeasurementRow> rows = new ArrayList<>();
    long n = new JsonLinesReader(problems).read(file, RowFilter.ALL, rows::add);
    assertEquals(4, n);
    assertEquals(3, problems.count());
    assertTrue(problems.messages().get(0).startsWith(file + ":3: not JSON"), problems.messages().get(0));
    assertTrue(problems.messages().get(1).startsWith(file + ":5: record.id: missing"), problems.messages().get(1));
    assertTrue(problems.messages().get(2).startsWith(file + ":8: not a JSON object"), problems.messages().get(2));
  }

  @Test
  void strictMakesTheFirstMalformedLineFatal() throws Exception {
    Path file = withBadLines();
    InputException e = assertThrows(InputException.class,
        () -> new JsonLinesReader(new InputProblems(true)).read(file, RowFilter.ALL, r -> { }));
    assertTrue(e.getMessage().startsWith(file + ":3: not JSON"), e.getMessage());
  }

  @Test
  void anOverlongLineIsSkippedWithoutHoldingIt() throws Exception {
    Path file = dir.resolve("long.jsonl");
    String good = Histories.all().get("mixed").get(0);
    Files.writeString(file, "x".repeat(JsonLinesReader.MAX_LINE_CHARS + 10) + "\n" + good + "\n");
    InputProblems problems = new InputProblems(false);
    long n = new JsonLinesReader(problems).read(file, RowFilter.ALL, r -> { });
    assertEquals(1, n);
    assertTrue(problems.messages().get(0).startsWith(file + ":1: line longer than"));
  }

  @Test
  void anUnreadableFileIsAnErrorNamingIt() {
    Path file = dir.resolve("missing.jsonl");
    InputException e = assertThrows(InputException.class,
        () -> new JsonLinesReader(new InputProblems(false)).read(file, RowFilter.ALL, r -> { }));
    assertTrue(e.getMessage().startsWith(file + ": cannot read"), e.getMessage());
  }
}
