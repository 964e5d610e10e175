package org.censorprobe.probe.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.TestMeasurements;

/**
 * The child JVM of {@link CrashDurabilityTest}: rounds back to back, through the real store and the real
 * "stored" log line, until it is killed. args: store file.
 */
public final class CrashFixture {
  private CrashFixture() {}

  public static void main(String[] args) {
    List<String> endpoints = new ArrayList<>();
    for (int i = 1; i <= 20; i++) endpoints.add("tcp://127.0.0.1:" + i);
    ProbeConfig cfg = TestMeasurements.config(Path.of("t.yaml"),
        List.of(TestMeasurements.platformConfig("p", null, endpoints.toArray(String[]::new))), List.of());
    MeasurementStore store = MeasurementStore.open(Path.of(args[0]));
    RoundExecution x = new RoundExecution(store, new ProbeMetrics("dev"), new RoundGuard(), new Jitter(new Random()));
    Generation g = new Generation(1, cfg, new FakeRounds(false));
    while (true) x.measure(g, cfg.platforms().get(0));
  }
}
