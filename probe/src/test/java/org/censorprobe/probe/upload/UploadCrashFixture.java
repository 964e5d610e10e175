package org.censorprobe.probe.upload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreLimits;

/**
 * The child JVM of {@link UploadCrashTest}: one upload pass through the real store and uploader. args: store,
 * port, database, role, password file, CA file, probe id, mode ({@code pass}, or {@code halt-after-commit}: the
 * JVM dies the moment the server has committed the first batch, before the store marks it).
 */
public final class UploadCrashFixture {
  private UploadCrashFixture() {}

  public static void main(String[] args) {
    UploadSettings s = new UploadSettings("127.0.0.1", Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]),
        Path.of(args[5]), 20, Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(30));
    Uploader.Hooks hooks = "halt-after-commit".equals(args[7]) ? new Uploader.Hooks() {
      @Override
      public void afterServerCommit(java.util.List<org.censorprobe.probe.store.OutboxRow> rows) {
        System.out.println("committed " + rows.size());
        System.out.flush();
        Runtime.getRuntime().halt(9);
      }
    } : Uploader.Hooks.NONE;
    MeasurementStore store = MeasurementStore.open(Path.of(args[0]));
    store.limits(new StoreLimits(0, true));
    System.out.println("uploading");
    System.out.flush();
    Uploader.Pass p = new Uploader(store, s, args[6], new ProbeMetrics("dev"), Clock.systemUTC(), new Random(1), hooks)
        .passNow();
    System.out.println("pass " + p);
  }
}
