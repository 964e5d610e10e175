package org.censorprobe.reporter.histories;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HistoriesUpToDateTest {
  @Test
  void committedHistoriesAreWhatTheScriptsWrite() throws IOException {
    for (var e : Histories.all().entrySet()) {
      assertEquals(String.join("\n", e.getValue()) + "\n", Files.readString(Fixtures.history(e.getKey())),
          e.getKey() + ".jsonl is stale: run Histories.main");
    }
  }
}
