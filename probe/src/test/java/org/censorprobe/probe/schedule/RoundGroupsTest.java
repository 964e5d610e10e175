package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoredMeasurement;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundGroupsTest {
  @TempDir Path dir;

  /** The config's schedule is every 5m, no jitter; "tg" has its own, "vk" restates the global one. */
  private static ProbeConfig config() {
    return TestMeasurements.config(Path.of("t.yaml"), List.of(
        TestMeasurements.platformConfig("fb", null, "tcp://127.0.0.1:1"),
        TestMeasurements.platformConfig("tg", new ScheduleSpec(Duration.ofMinutes(2), Duration.ZERO, null),
            "tcp://127.0.0.1:2"),
        TestMeasurements.platformConfig("yt", null, "tcp://127.0.0.1:3"),
        TestMeasurements.platformConfig("vk", new ScheduleSpec(Duration.ofMinutes(5), Duration.ZERO, null),
            "tcp://127.0.0.1:4")), List.of());
  }

  @Test
  void platformsSharingAScheduleAreOneGroupInConfigOrder() {
    var groups = RoundGroups.of(config());
    assertEquals(List.of("fb+yt+vk", "tg"), List.copyOf(groups.keySet()));
    assertEquals(3, groups.get("fb+yt+vk").size());
  }

  @Test
  void aGroupsFiringMeasuresItsPlatformsInOneRound() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), new RoundGuard(),
          new Jitter(new Random(1)));
      FakeRounds rounds = new FakeRounds(false);
      Generation g = new Generation(1, config(), rounds);
      assertEquals(RoundExecution.Outcome.STORED, x.fire(g, "fb+yt+vk"));
      assertEquals(1, rounds.runs.get());
      List<StoredMeasurement> got = new ArrayList<>();
      store.read(Instant.EPOCH, Instant.now().plusSeconds(60), null, got::add);
      assertEquals(3, got.size());
      assertEquals(1, got.stream().map(StoredMeasurement::roundId).distinct().count(), "one round, one round id");
    }
  }
}
