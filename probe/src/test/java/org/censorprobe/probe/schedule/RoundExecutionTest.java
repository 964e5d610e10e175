package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoredMeasurement;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundExecutionTest {
  @TempDir Path dir;

  private static ProbeConfig config() {
    return TestMeasurements.config(Path.of("t.yaml"), List.of(
        TestMeasurements.platformConfig("p", null, "tcp://127.0.0.1:1", "tcp://127.0.0.1:2")), List.of());
  }

  @Test
  void storesTheRoundThenUpdatesMetrics() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      ProbeMetrics metrics = new ProbeMetrics("dev");
      RoundExecution x = new RoundExecution(store, metrics, new RoundGuard(), new Jitter(new Random(1)));
      Generation g = new Generation(1, config(), new FakeRounds(false));
      assertEquals(RoundExecution.Outcome.STORED, x.fire(g, "p"));
      List<StoredMeasurement> got = new ArrayList<>();
      store.read(Instant.EPOCH, Instant.now().plusSeconds(60), "p", got::add);
      assertEquals(2, got.size());
      assertTrue(metrics.registry().scrape().contains("censorprobe_verdict{endpoint=\"tcp://127.0.0.1:2\""));
      assertEquals(RoundExecution.Outcome.SKIPPED_UNKNOWN_PLATFORM, x.fire(g, "removed"));
    }
  }

  @Test
  void aPlatformsRoundNeverOverlapsItselfEvenAcrossConfigGenerations() throws Exception {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      RoundGuard guard = new RoundGuard();
      RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), guard, new Jitter(new Random(1)));
      FakeRounds held = new FakeRounds(true);
      Generation old = new Generation(1, config(), held);
      Platform p = old.config.platforms().get(0);
      CompletableFuture<RoundExecution.Outcome> first = CompletableFuture.supplyAsync(() -> x.measure(old, p));
      assertTrue(held.started.await(10, TimeUnit.SECONDS));

      FakeRounds other = new FakeRounds(false);
      Generation next = new Generation(2, config(), other);
      assertEquals(RoundExecution.Outcome.SKIPPED_OVERLAP, x.measure(next, p));
      assertEquals(RoundExecution.Outcome.SKIPPED_OVERLAP, x.measure(old, p));
      assertEquals(0, other.runs.get());
      assertEquals(1, held.runs.get());

      held.release.countDown();
      assertEquals(RoundExecution.Outcome.STORED, first.get(10, TimeUnit.SECONDS));
      assertEquals(RoundExecution.Outcome.STORED, x.measure(next, p), "free again once the round ended");
    }
  }

  @Test
  void aClosingGenerationStartsNoRoundEvenDuringItsJitter() {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), new RoundGuard(),
          new Jitter(new Random(1)));
      FakeRounds rounds = new FakeRounds(false);
      ProbeConfig cfg = TestMeasurements.config(Path.of("t.yaml"), List.of(TestMeasurements.platformConfig("p",
          new org.censorprobe.probe.config.ScheduleSpec(Duration.ofMinutes(5), Duration.ofHours(1), null),
          "tcp://127.0.0.1:1")), List.of());
      Generation g = new Generation(1, cfg, rounds);
      g.closing.countDown();
      // An hour of jitter ends at once because the generation is closing.
      assertEquals(RoundExecution.Outcome.SKIPPED_CLOSING, x.fire(g, "p"));
      assertEquals(0, rounds.runs.get());
    }
  }

  @Test
  void summaryCountsPlatformVerdictsAndControls() {
    var ms = new ArrayList<>(TestMeasurements.round("p", List.of("tcp://127.0.0.1:1"),
        org.censorprobe.format.interpret.Verdict.BLOCKED, Instant.now()));
    ms.add(TestMeasurements.control("r", "tcp://127.0.0.1:9", true, Instant.now()));
    assertEquals("endpoints=1 ok=0 blocked=1 technical=0 inconclusive=0 controls=1", RoundExecution.summary(ms));
  }
}
