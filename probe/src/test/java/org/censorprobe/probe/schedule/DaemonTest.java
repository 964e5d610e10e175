package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
  /** Never fires during a test: the daemon's schedules exist, but only the test starts rounds. */
  private static final ScheduleSpec NEVER = new ScheduleSpec(null, Duration.ZERO, "0 0 0 1 1 ? 2099");
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @TempDir Path dir;

  private ProbeConfig config(Path file, String... endpoints) {
    return TestMeasurements.config(file, List.of(TestMeasurements.platformConfig("p", NEVER, endpoints)),
        List.of());
  }

  @Test
  void aBadFileIsRefusedAndTheRunningConfigKeepsGoing() throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, "good");
    ProbeConfig first = config(file, "tcp://127.0.0.1:1");
    AtomicReference<Object> next = new AtomicReference<>();
    Daemon.ConfigSource loader = f -> {
      Object o = next.get();
      if (o instanceof ConfigException e) throw e;
      return (ProbeConfig) o;
    };
    List<FakeRounds> built = new ArrayList<>();
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      Daemon d = new Daemon(file, loader, c -> {
        FakeRounds r = new FakeRounds(false);
        built.add(r);
        return r;
      }, new RoundExecution(store, metrics, new RoundGuard(), new Jitter(new Random(1))), metrics,
          Clock.fixed(NOW, ZoneOffset.UTC));
      d.start(first);
      assertTrue(metrics.registry().scrape().contains("censorprobe_config_last_reload_successful 1.0"));

      Files.writeString(file, "bad");
      next.set(new ConfigException(List.of(new ConfigProblem(file.toString(), 3, "unknown key 'shedule'"))));
      assertEquals(Daemon.Reload.REFUSED, d.reload());
      assertSame(first, d.config());
      assertEquals(1, built.size(), "no engine built for a refused file");
      assertFalse(built.get(0).closed);
      String t = metrics.registry().scrape();
      assertTrue(t.contains("censorprobe_config_last_reload_successful 0.0"), t);
      assertTrue(t.contains("censorprobe_config_last_reload_success_timestamp_seconds " + (double) NOW.getEpochSecond()), t);

      assertEquals(Daemon.Reload.UNCHANGED, d.reloadIfChanged(), "same bad bytes: not tried again");

      Files.writeString(file, "good again");
      ProbeConfig second = config(file, "tcp://127.0.0.1:2");
      next.set(second);
      assertEquals(Daemon.Reload.LOADED, d.reloadIfChanged());
      assertSame(second, d.config());
      assertEquals(2, built.size(), "one engine per config");
      assertTrue(metrics.registry().scrape().contains("censorprobe_config_last_reload_successful 1.0"));
      assertTrue(d.stop(Duration.ofSeconds(10)));
      assertTrue(built.get(1).closed);
    }
  }

  @Test
  void stopWaitsForTheRoundInFlightAndItIsStored() throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, "x");
    FakeRounds held = new FakeRounds(true);
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      RoundExecution x = new RoundExecution(store, metrics, new RoundGuard(), new Jitter(new Random(1)));
      Daemon d = new Daemon(file, f -> null, c -> held, x, metrics, Clock.systemUTC());
      ProbeConfig cfg = config(file, "tcp://127.0.0.1:1");
      d.start(cfg);
      CompletableFuture<RoundExecution.Outcome> round = CompletableFuture.supplyAsync(
          () -> x.measure(currentGeneration(d), cfg.platforms().get(0)));
      assertTrue(held.started.await(10, TimeUnit.SECONDS));
      assertEquals(1, d.inFlight());
      CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> {
        try {
          return d.stop(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      held.release.countDown();
      assertTrue(stop.get(30, TimeUnit.SECONDS), "stopped without cutting the round");
      assertEquals(RoundExecution.Outcome.STORED, round.get(10, TimeUnit.SECONDS));
      List<Object> rows = new ArrayList<>();
      store.read(Instant.EPOCH, Instant.now().plusSeconds(60), null, rows::add);
      assertEquals(1, rows.size());
      assertTrue(held.closed);
      assertEquals(RoundExecution.Outcome.SKIPPED_CLOSING, x.measure(currentGeneration(d), cfg.platforms().get(0)));
    }
  }

  @Test
  void stopCutsARoundThatOutlivesTheDeadline() throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, "x");
    FakeRounds held = new FakeRounds(true);
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("s.db"))) {
      RoundExecution x = new RoundExecution(store, metrics, new RoundGuard(), new Jitter(new Random(1)));
      Daemon d = new Daemon(file, f -> null, c -> held, x, metrics, Clock.systemUTC());
      ProbeConfig cfg = config(file, "tcp://127.0.0.1:1");
      d.start(cfg);
      CompletableFuture.runAsync(() -> x.measure(currentGeneration(d), cfg.platforms().get(0)));
      assertTrue(held.started.await(10, TimeUnit.SECONDS));
      assertFalse(d.stop(Duration.ZERO), "the round was still running");
      assertTrue(held.closed, "the engine is closed under it");
      held.release.countDown();
    }
  }

  private static Generation currentGeneration(Daemon d) {
    try {
      var f = Daemon.class.getDeclaredField("current");
      f.setAccessible(true);
      synchronized (d) {
        return (Generation) f.get(d);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
