package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.round.RoundRunner;
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
  void theHeapIsCollectedAfterAStoredRoundUnlessAnotherRoundIsMeasuring() throws Exception {
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      AtomicInteger collections = new AtomicInteger();
      RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), new RoundGuard(),
          new Jitter(new Random(1)), () -> { }, collections::incrementAndGet);
      FakeRounds held = new FakeRounds(true);
      FakeRounds free = new FakeRounds(false);
      RoundSource pHeld = new RoundSource() {
        @Override
        public RoundRunner.RoundReport run(List<Platform> platforms) {
          return (platforms.get(0).id().equals("p") ? held : free).run(platforms);
        }

        @Override
        public void close() {}
      };
      Generation g = new Generation(1, TestMeasurements.config(Path.of("t.yaml"), List.of(
          TestMeasurements.platformConfig("p", null, "tcp://127.0.0.1:1"),
          TestMeasurements.platformConfig("q", null, "tcp://127.0.0.1:2")), List.of()), pHeld);
      Platform p = g.config.platforms().get(0);
      Platform q = g.config.platforms().get(1);

      assertEquals(RoundExecution.Outcome.STORED, x.measure(g, q));
      assertEquals(1, collections.get(), "alone: collected once its round is stored");

      CompletableFuture<RoundExecution.Outcome> measuring = CompletableFuture.supplyAsync(() -> x.measure(g, p));
      assertTrue(held.started.await(10, TimeUnit.SECONDS));
      assertEquals(RoundExecution.Outcome.STORED, x.measure(g, q));
      assertEquals(1, collections.get(), "not while p's round is measuring");

      held.release.countDown();
      assertEquals(RoundExecution.Outcome.STORED, measuring.get(10, TimeUnit.SECONDS));
      assertEquals(2, collections.get(), "p's round, the last in flight, collects");
    }
  }

  @Test
  void aRoundTheStoreRefusedIsCollectedAfterToo() {
    AtomicInteger collections = new AtomicInteger();
    MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"));
    store.close(); // every write now fails
    RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), new RoundGuard(),
        new Jitter(new Random(1)), () -> { }, collections::incrementAndGet);
    assertEquals(RoundExecution.Outcome.FAILED, x.fire(new Generation(1, config(), new FakeRounds(false)), "p"));
    assertEquals(1, collections.get(), "its records are garbage all the same");
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

  private static Measurement withRound(Measurement m, RoundContext round) {
    var j = m.judgement();
    return m.withJudgement(new Judgement(j.interpretation(), j.platform(), round, j.classifier(), j.judgedAt()));
  }

  private static RoundContext round(int total, int ok, int dom, int domOk, LocalNetwork n) {
    return new RoundContext(total, ok, dom, domOk, n, List.of());
  }

  private static Measurement platform(String id, Verdict v, Method method, RoundContext round) {
    return withRound(TestMeasurements.platform("r", id, "tcp://127.0.0.1:1", v, method, Instant.now()), round);
  }

  @Test
  void theRoundLineNamesFailingPlatformsUnderTheirVerdictOnly() {
    RoundContext up = round(2, 2, 1, 1, LocalNetwork.UP);
    List<Measurement> ms = List.of(
        platform("facebook", Verdict.BLOCKED, Method.TLS_SNI_FILTERED, up),
        platform("youtube", Verdict.BLOCKED, Method.DNS_BOGON, up),
        platform("vk", Verdict.TECHNICAL, Method.TARGET_DOWN, up),
        platform("telegram", Verdict.INCONCLUSIVE, null, up),
        platform("google", Verdict.OK, null, up),
        withRound(TestMeasurements.control("r", "tcp://127.0.0.1:9", true, Instant.now()), up));
    RoundExecution.RoundLine line = RoundExecution.roundLine("r1", ms, 4.2);
    assertEquals("round r1: 5 platforms, 5 endpoints; blocked: facebook (tls.sni_filtered), youtube (dns.bogon); "
        + "technical: vk (target.down); inconclusive: telegram; controls 2/2 ok; 4.20s", line.text());
    assertFalse(line.warn());
  }

  @Test
  void aRoundWithNothingFailingSaysSo() {
    RoundContext up = round(1, 1, 0, 0, LocalNetwork.UP);
    var line = RoundExecution.roundLine("r2", List.of(platform("google", Verdict.OK, null, up)), 1);
    assertEquals("round r2: 1 platform, 1 endpoint; all ok; controls 1/1 ok; 1.00s", line.text());
    assertFalse(line.text().contains("blocked"));
  }

  @Test
  void aLocalOutageIsAWarningAndCallsNothingBlocked() {
    RoundContext down = round(2, 0, 1, 0, LocalNetwork.DOWN);
    var line = RoundExecution.roundLine("r3", List.of(platform("facebook", Verdict.TECHNICAL, Method.NETWORK_DOWN, down)),
        10);
    assertTrue(line.warn());
    assertTrue(line.text().startsWith("round r3: local network down (nothing in the round got a response;"),
        line.text());
    assertTrue(line.text().contains("technical: facebook (network.down); controls 0/2 ok"), line.text());
    assertFalse(line.text().contains("blocked:"), line.text());
    RoundContext cut = round(2, 1, 1, 1, LocalNetwork.GATEWAY_CUT);
    assertTrue(RoundExecution.roundLine("r4", List.of(platform("vk", Verdict.TECHNICAL, null, cut)), 1).warn());
    RoundContext degraded = round(2, 1, 1, 1, LocalNetwork.DEGRADED);
    assertFalse(RoundExecution.roundLine("r5", List.of(platform("vk", Verdict.OK, null, degraded)), 1).warn());
  }
}
