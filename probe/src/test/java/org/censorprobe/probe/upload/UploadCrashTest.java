package org.censorprobe.probe.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.censorprobe.central.testing.PostgresServer;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe killed in the middle of an upload (a real JVM, SIGKILL or a halt at the worst moment) leaves nothing
 * lost and nothing twice once it uploads again.
 */
class UploadCrashTest {
  @TempDir Path dir;

  private Process child(Path db, UploadSettings s, String probe, String mode) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), UploadCrashFixture.class.getName(), db.toString(),
        Integer.toString(s.port()), s.database(), s.user(), s.passwordFile().toString(), s.caFile().toString(), probe,
        mode).redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".log").toFile()).start();
  }

  private static void assertExactlyOnce(CentralFixture central, MeasurementStore store, String probe,
                                        List<String> ids) throws Exception {
    assertTrue(new Uploader(store, null, probe, new ProbeMetrics("dev"), Clock.systemUTC(), new Random(1),
        Uploader.Hooks.NONE).passNow().ok());
    Map<String, Integer> got = central.idCounts(probe);
    assertEquals(new HashSet<>(ids), got.keySet());
    got.values().forEach(n -> assertEquals(1, n));
    assertEquals(0, store.outbox().state().pending());
  }

  @Test
  void killedBetweenTheServersCommitAndItsOwnMark() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-halt-1");
    UploadSettings s = central.addProbe(probe.id(), PostgresServer.shared().port(), 20);
    Path db = dir.resolve("halt.db");
    List<String> ids;
    try (MeasurementStore store = MeasurementStore.open(db)) {
      ids = FleetRows.fill(store, probe, 3, 20, Instant.now().minusSeconds(600));
    }
    Process p = child(db, s, probe.id(), "halt-after-commit");
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(9, p.exitValue(), java.nio.file.Files.readString(dir.resolve("halt-after-commit.log")));
    assertEquals(20, central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-halt-1'"),
        "the server has the first batch");
    try (MeasurementStore store = MeasurementStore.open(db)) {
      store.limits(new StoreLimits(0, true));
      assertEquals(60, store.outbox().state().pending(), "the probe never marked it");
      Uploader.Pass again = new Uploader(store, s, probe.id(), new ProbeMetrics("dev"), Clock.systemUTC(),
          new Random(1), Uploader.Hooks.NONE).passNow();
      assertTrue(again.ok());
      assertEquals(60, again.rowsSent());
      assertEquals(40, again.rowsWritten(), "the first batch again writes nothing");
      assertExactlyOnce(central, store, probe.id(), ids);
    }
  }

  @Test
  void sigkillInTheMiddleOfABatch() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-kill-1");
    UploadSettings s = central.addProbe(probe.id(), PostgresServer.shared().port(), 20);
    Path db = dir.resolve("kill.db");
    List<String> ids;
    try (MeasurementStore store = MeasurementStore.open(db)) {
      ids = FleetRows.fill(store, probe, 3, 20, Instant.now().minusSeconds(600));
    }
    try (Connection su = central.db.superuser(); Statement st = su.createStatement()) {
      st.execute("CREATE SEQUENCE public.kill_rows");
      st.execute("CREATE FUNCTION public.hold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN"
          + " IF nextval('public.kill_rows') = 30 THEN PERFORM pg_advisory_xact_lock_shared(4343); END IF;"
          + " RETURN NEW; END $$");
      st.execute("CREATE TRIGGER hold BEFORE INSERT ON censorprobe.measurements FOR EACH ROW"
          + " EXECUTE FUNCTION public.hold()");
    }
    try (Connection holder = central.db.superuser(); Statement hs = holder.createStatement()) {
      hs.execute("SELECT pg_advisory_lock(4343)");
      Process p = child(db, s, probe.id(), "pass");
      UploaderTest.waitFor(() -> {
        if (!p.isAlive()) {
          throw new AssertionError("the child exited " + p.exitValue() + " before blocking: "
              + java.nio.file.Files.readString(dir.resolve("pass.log")));
        }
        try (Connection c = central.db.superuser(); Statement q = c.createStatement();
             ResultSet r = q.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
          r.next();
          return r.getInt(1) > 0;
        }
      });
      p.destroyForcibly(); // SIGKILL: the second batch is half-inserted on the server
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      hs.execute("SELECT pg_advisory_unlock(4343)");
    }
    // The server notices the dead client and rolls its transaction back; only the first batch stays.
    UploaderTest.waitFor(() -> central.count("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
        + " 'censorprobe kz-kill-1'") == 0);
    assertEquals(20, central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-kill-1'"));
    try (MeasurementStore store = MeasurementStore.open(db)) {
      store.limits(new StoreLimits(0, true));
      assertEquals(40, store.outbox().state().pending(), "the committed batch was marked before the kill");
      assertTrue(new Uploader(store, s, probe.id(), new ProbeMetrics("dev"), Clock.systemUTC(), new Random(1),
          Uploader.Hooks.NONE).passNow().ok());
      assertExactlyOnce(central, store, probe.id(), ids);
    }
  }
}
