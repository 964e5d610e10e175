package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTriggersTest {
  private static final ScheduleSpec NEVER = new ScheduleSpec(null, Duration.ZERO, "0 0 0 1 1 ? 2099");

  @TempDir Path dir;

  @Test
  void savingTheConfigFileReloadsIt() throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, "one");
    ProbeConfig first = TestMeasurements.config(file,
        List.of(TestMeasurements.platformConfig("a", NEVER, "tcp://127.0.0.1:1")), List.of());
    ProbeConfig second = TestMeasurements.config(file,
        List.of(TestMeasurements.platformConfig("b", NEVER, "tcp://127.0.0.1:2")), List.of());
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch reloaded = new CountDownLatch(1);
    Daemon.ConfigSource loader = f -> {
      loads.incrementAndGet();
      reloaded.countDown();
      return second;
    };
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = MeasurementStore.open(dir.resolve("sub/s.db"))) {
      Daemon d = new Daemon(file, loader, c -> new FakeRounds(false),
          new RoundExecution(store, metrics, new RoundGuard(), new Jitter(new Random(1))), metrics,
          Clock.systemUTC());
      d.start(first);
      try (ReloadTriggers triggers = new ReloadTriggers(d)) {
        triggers.watch(file);
        // An editor's save: write to a temporary file, then rename over the config.
        Path tmp = dir.resolve(".targets.yaml.swp");
        Files.writeString(tmp, "two");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertTrue(reloaded.await(30, TimeUnit.SECONDS), "no reload after the file changed");
        assertTrue(waitFor(() -> d.config() == second), "the new config runs");
        assertEquals(1, loads.get(), "the burst of events made one reload");
      } finally {
        d.stop(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void onlyEventsThatMayChangeTheConfigAskForAReload() {
    Path name = Path.of("targets.yaml");
    assertTrue(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.ENTRY_MODIFY, "targets.yaml")));
    assertTrue(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.ENTRY_CREATE, "targets.yaml")),
        "an editor's rename over the file");
    assertTrue(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.ENTRY_CREATE, "..data")),
        "a ConfigMap's link swap");
    assertTrue(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.OVERFLOW, null)), "lost events");
    assertFalse(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.ENTRY_MODIFY, "store.db-wal")),
        "a store's journal next to the config");
    assertFalse(ReloadTriggers.concernsConfig(name, event(StandardWatchEventKinds.ENTRY_CREATE, ".targets.yaml.swp")),
        "an editor's temporary file (its rename over the config is the event that counts)");
  }

  private static WatchEvent<Path> event(WatchEvent.Kind<?> kind, String name) {
    return new WatchEvent<>() {
      @Override
      @SuppressWarnings("unchecked")
      public Kind<Path> kind() {
        return (Kind<Path>) kind;
      }

      @Override
      public int count() {
        return 1;
      }

      @Override
      public Path context() {
        return name == null ? null : Path.of(name);
      }
    };
  }

  /** Polls a condition with a bounded deadline (the reload completes just after the loader returns). */
  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) return false;
      Thread.sleep(10); // a poll interval, not a wait for the event: the deadline bounds it
    }
    return true;
  }
}
