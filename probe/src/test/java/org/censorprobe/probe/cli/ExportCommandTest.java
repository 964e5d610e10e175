package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void exportsTheStoredRecordsOfTheRangeAndPlatformAsJsonLines() throws Exception {
    Path db = dir.resolve("s.db");
    Instant now = Instant.now();
    List<Measurement> old = TestMeasurements.round("a", List.of("tcp://127.0.0.1:1"), Verdict.OK,
        now.minus(Duration.ofDays(3)));
    List<Measurement> recentA = TestMeasurements.round("a", List.of("tcp://127.0.0.1:1", "tcp://127.0.0.1:2"),
        Verdict.BLOCKED, now.minus(Duration.ofHours(2)));
    List<Measurement> recentB = TestMeasurements.round("b", List.of("tcp://127.0.0.1:3"), Verdict.OK,
        now.minus(Duration.ofHours(1)));
    try (MeasurementStore store = MeasurementStore.open(db)) {
      store.storeRound(old);
      store.storeRound(recentA);
      store.storeRound(recentB);
    }
    Path out = dir.resolve("out.jsonl");
    int rc = Main.commandLine().execute("export", "--store", db.toString(), "--from", "24h", "--out", out.toString());
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(out);
    assertEquals(List.of(MeasurementCodec.toJson(recentA.get(0)), MeasurementCodec.toJson(recentA.get(1)),
        MeasurementCodec.toJson(recentB.get(0))).stream().sorted().toList(), lines.stream().sorted().toList());
    assertEquals(MeasurementCodec.toJson(recentB.get(0)), lines.get(2), "oldest first");

    rc = Main.commandLine().execute("export", "--store", db.toString(), "--from", "7d", "--to", "90m",
        "--platform", "a", "--out", out.toString());
    assertEquals(0, rc);
    assertEquals(3, Files.readAllLines(out).size());
  }

  @Test
  void withoutStoreTheConfigsStoreIsRead() throws Exception {
    Path db = dir.resolve("elsewhere.db");
    List<Measurement> round = TestMeasurements.round("a", List.of("tcp://127.0.0.1:1"), Verdict.OK,
        Instant.now().minus(Duration.ofHours(1)));
    try (MeasurementStore store = MeasurementStore.open(db)) {
      store.storeRound(round);
    }
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, "probe: { id: t-1 }\nstore: " + db + "\n"
        + "platforms:\n  a:\n    endpoints: [ \"tcp://127.0.0.1:1\" ]\n");
    Path out = dir.resolve("out.jsonl");
    assertEquals(0, Main.commandLine().execute("export", "--config", config.toString(), "--out", out.toString()));
    assertEquals(List.of(MeasurementCodec.toJson(round.get(0))), Files.readAllLines(out));
    // A config with problems is a configuration error, as everywhere.
    Files.writeString(config, "probe: { id: t-1 }\nstore: " + db + "\n");
    assertEquals(Main.EXIT_BAD_CONFIG, Main.commandLine().execute("export", "--config", config.toString()));
  }

  @Test
  void aMissingStoreOrABadTimeIsAnError() {
    assertEquals(1, Main.commandLine().execute("export", "--store", dir.resolve("none.db").toString()));
    assertEquals(Main.EXIT_BAD_CONFIG, Main.commandLine().execute("export", "--from", "last tuesday"));
  }
}
