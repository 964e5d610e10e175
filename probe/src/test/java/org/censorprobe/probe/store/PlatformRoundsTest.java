package org.censorprobe.probe.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformRoundsTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  @TempDir Path dir;

  @Test
  void onePlatformVerdictPerRoundAndPlatformInTheWindowOldestFirstControlsLeftOut() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      store.storeRound(TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.OK, T0.minusSeconds(60)));
      List<Measurement> r1 = new ArrayList<>(TestMeasurements.round("youtube",
          List.of("tcp://127.0.0.1:1", "tcp://127.0.0.1:2"), Verdict.BLOCKED, T0));
      r1.add(TestMeasurements.control(r1.get(0).roundId(), "tcp://127.0.0.1:3", true, T0));
      store.storeRound(r1);
      store.storeRound(TestMeasurements.round("vk", List.of("tcp://127.0.0.1:4"), Verdict.OK, T0.plusSeconds(300)));

      List<PlatformRound> got = store.platformRounds(T0, T0.plusSeconds(301));
      assertEquals(2, got.size(), got.toString());
      PlatformRound yt = got.get(0);
      assertEquals(r1.get(0).roundId(), yt.roundId());
      assertEquals(T0, yt.at());
      assertEquals("youtube", yt.platform());
      assertEquals("YOUTUBE", yt.platformName());
      assertEquals(Verdict.BLOCKED, yt.verdict());
      assertEquals(Method.TCP_REFUSED, yt.method());
      assertEquals(new PlatformRound(got.get(1).roundId(), T0.plusSeconds(300), "vk", "VK", Verdict.OK, null), got.get(1));
    }
  }
}
