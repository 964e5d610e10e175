package org.censorprobe.probe.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.censorprobe.central.testing.PostgresServer;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreLimits;
import org.censorprobe.probe.store.UploadFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader against a real PostgreSQL, through faults: each test ends with every row there exactly once. */
class UploaderTest {
  private static final Instant T0 = Instant.now().minusSeconds(3600);

  @TempDir Path dir;

  private static Uploader uploader(MeasurementStore store, UploadSettings s, String probe, ProbeMetrics metrics) {
    return new Uploader(store, s, probe, metrics, Clock.systemUTC(), new Random(7), Uploader.Hooks.NONE);
  }

  private MeasurementStore store(String name) {
    MeasurementStore s = MeasurementStore.open(dir.resolve(name + ".db"), "test-classifier 1");
    s.limits(new StoreLimits(0, true));
    return s;
  }

  private static void assertExactlyOnce(CentralFixture central, String probe, List<String> ids) throws Exception {
    Map<String, Integer> got = central.idCounts(probe);
    assertEquals(new HashSet<>(ids), got.keySet(), "the central store holds exactly the probe's measurements");
    for (var e : got.entrySet()) assertEquals(1, e.getValue(), e.getKey() + " once");
  }

  @Test
  void forwardsEveryRowOnceAndARepeatedBatchWritesNothing() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-almaty-1");
    UploadSettings s = central.addProbe(probe.id(), PostgresServer.shared().port(), 7);
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = store("a")) {
      List<String> ids = FleetRows.fill(store, probe, 5, 6, T0);
      Uploader u = uploader(store, s, probe.id(), metrics);
      Uploader.Pass p = u.passNow();
      assertTrue(p.ok(), String.valueOf(p));
      assertEquals(30, p.rowsSent());
      assertEquals(30, p.rowsWritten());
      assertExactlyOnce(central, probe.id(), ids);
      assertEquals(0, store.outbox().state().pending());
      assertEquals(30, central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-almaty-1'"
          + " AND network = 'Network of kz-almaty-1' AND asn = 64500 AND country = 'KZ'"
          + " AND classifier = '" + org.censorprobe.probe.classify.Classifier.VERSION + "'"
          + " AND record->>'probe' = 'kz-almaty-1'"),
          "the filter columns come from the row and its probe_info");

      // As if the probe died after the server's commit and before its own mark: everything goes again.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
           Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE measurements SET delivered_revision = NULL");
      }
      Uploader.Pass again = u.passNow();
      assertTrue(again.ok());
      assertEquals(30, again.rowsSent());
      assertEquals(0, again.rowsWritten(), "a repeated batch inserts nothing twice");
      assertExactlyOnce(central, probe.id(), ids);

      String scrape = metrics.registry().scrape();
      assertTrue(scrape.contains("censorprobe_outbox_pending 0.0"), scrape);
      assertTrue(scrape.contains("censorprobe_uploaded_measurements_total 60.0"), scrape);
      assertTrue(scrape.contains("censorprobe_upload_last_success_timestamp_seconds"), scrape);
      assertFalse(java.util.regex.Pattern.compile("(?m)^censorprobe_outbox_oldest_pending_timestamp_seconds ")
          .matcher(scrape).find(), "absent when none pends");
    }
  }

  @Test
  void aReJudgedRowReplacesTheCentralJudgement() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-rejudge-1");
    UploadSettings s = central.addProbe(probe.id(), PostgresServer.shared().port(), 100);
    try (MeasurementStore store = store("r")) {
      List<String> ids = FleetRows.fill(store, probe, 1, 3, T0);
      Uploader u = uploader(store, s, probe.id(), new ProbeMetrics("dev"));
      assertTrue(u.passNow().ok());
      // What probe reclassify does: a new judgement, the revision bumped.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
           Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE measurements SET verdict = 'technical', method = 'target.down',"
            + " revision = revision + 1, classifier = 'test-classifier 2' WHERE id = '" + ids.get(1) + "'");
      }
      assertEquals(1, store.outbox().state().pending(), "the re-judged row is pending again");
      Uploader.Pass p = u.passNow();
      assertTrue(p.ok());
      assertEquals(1, p.rowsSent());
      assertEquals(1, p.rowsWritten());
      assertEquals(1, central.count("SELECT count(*) FROM censorprobe.measurements WHERE id = '" + ids.get(1)
          + "' AND verdict = 'technical' AND revision = 1 AND classifier = 'test-classifier 2'"
          + " AND revised_at IS NOT NULL"));
      assertExactlyOnce(central, probe.id(), ids);
      assertEquals(0, store.outbox().state().pending());
    }
  }

  @Test
  void anUnreachableCentralStoreIsRecordedAsAFindingAndTheRowsWait() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-unreach-1");
    UploadSettings good = central.addProbe(probe.id(), PostgresServer.shared().port(), 50);
    int closed;
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = ss.getLocalPort();
    }
    UploadSettings bad = central.settings(probe.id(), closed, 50, good.passwordFile(), good.caFile());
    ProbeMetrics metrics = new ProbeMetrics("dev");
    try (MeasurementStore store = store("u")) {
      List<String> ids = FleetRows.fill(store, probe, 2, 5, T0);
      Uploader down = uploader(store, bad, probe.id(), metrics);
      Uploader.Pass p1 = down.passNow();
      Uploader.Pass p2 = down.passNow();
      assertFalse(p1.ok());
      assertEquals(FailureReason.CONNECTION_REFUSED, p1.failure());
      assertEquals(FailureReason.CONNECTION_REFUSED, p2.failure());
      assertEquals(10, store.outbox().state().pending());
      List<UploadFailure> episodes = store.outbox().failures();
      assertEquals(1, episodes.size(), "two failures for one reason are one episode");
      assertEquals(2, episodes.get(0).attempts());
      assertNull(episodes.get(0).endedAt());
      String scrape = metrics.registry().scrape();
      assertTrue(scrape.contains("censorprobe_upload_failures_total{reason=\"connection_refused\"} 2.0"), scrape);
      assertTrue(scrape.contains("censorprobe_outbox_pending 10.0"), scrape);
      assertTrue(scrape.contains("censorprobe_outbox_oldest_pending_timestamp_seconds "
          + String.valueOf(T0.toEpochMilli() / 1000.0).replace("E9", "E9")), scrape);

      Uploader up = uploader(store, good, probe.id(), metrics);
      assertTrue(up.passNow().ok());
      assertExactlyOnce(central, probe.id(), ids);
      UploadFailure ended = store.outbox().failures().get(0);
      assertNotNull(ended.endedAt());
      assertEquals(1, central.count("SELECT count(*) FROM censorprobe.upload_failures WHERE probe = 'kz-unreach-1'"
          + " AND reason = 'connection_refused' AND attempts = 2 AND ended_at IS NOT NULL"),
          "the episode reaches the central store once the path works");
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-tls-1");
    UploadSettings good = central.addProbe(probe.id(), PostgresServer.shared().port(), 50);
    Path otherCa = dir.resolve("other-ca.pem");
    Files.writeString(otherCa, new okhttp3.tls.HeldCertificate.Builder().certificateAuthority(0).build()
        .certificatePem());
    UploadSettings wrongCa = central.settings(probe.id(), good.port(), 50, good.passwordFile(), otherCa);
    try (MeasurementStore store = store("t")) {
      FleetRows.fill(store, probe, 1, 3, T0);
      Uploader.Pass p = uploader(store, wrongCa, probe.id(), new ProbeMetrics("dev")).passNow();
      assertEquals(FailureReason.TLS, p.failure(), String.valueOf(store.outbox().failures()));
      assertEquals(0, central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-tls-1'"));
    }
  }

  @Test
  void rowsOfAnotherProbeIdAreRefusedByTheServerAndStayInTheOutbox() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    UploadSettings s = central.addProbe("kz-honest-1", PostgresServer.shared().port(), 50);
    try (MeasurementStore store = store("h")) {
      FleetRows.fill(store, FleetRows.probe("kz-someone-else"), 1, 3, T0);
      Uploader.Pass p = uploader(store, s, "kz-honest-1", new ProbeMetrics("dev")).passNow();
      assertEquals(FailureReason.REJECTED, p.failure());
      assertEquals(3, store.outbox().state().pending(), "refused rows are never dropped");
      assertEquals(0, central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-someone-else'"));
    }
  }

  @Test
  void aConnectionCutByTheNetworkInTheMiddleOfABatchLosesAndDuplicatesNothing() throws Exception {
    CentralFixture central = new CentralFixture(PostgresServer.shared(), dir);
    ProbeIdentity probe = FleetRows.probe("kz-cut-1");
    UploadSettings direct = central.addProbe(probe.id(), PostgresServer.shared().port(), 40);
    try (CuttingProxy proxy = new CuttingProxy(PostgresServer.shared().port());
         MeasurementStore store = store("c")) {
      UploadSettings viaProxy = central.settings(probe.id(), proxy.port(), 40, direct.passwordFile(), direct.caFile());
      List<String> ids = FleetRows.fill(store, probe, 10, 20, T0);
      Uploader u = uploader(store, viaProxy, probe.id(), new ProbeMetrics("dev"));
      long recordBytes = 0;
      for (var row : store.outbox().nextNew(0, 1000)) recordBytes += row.record().length();
      // Half of what the upload sends: the cut lands inside one of its five batches.
      CountDownLatch cut = proxy.arm(recordBytes / 2);
      Uploader.Pass p = u.passNow();
      assertTrue(cut.await(10, TimeUnit.SECONDS), "the proxy cut");
      assertFalse(p.ok());
      assertEquals(FailureReason.CONNECTION_LOST, p.failure(), String.valueOf(store.outbox().failures()));
      assertTrue(p.rowsSent() > 0 && p.rowsSent() < 200, "cut in the middle: " + p.rowsSent());
      long there = central.count("SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-cut-1'");
      assertEquals(200 - store.outbox().state().pending(), there, "what is marked delivered is what the server has");
      assertTrue(u.passNow().ok());
      assertExactlyOnce(central, probe.id(), ids);
    }
  }

  @Test
  void aNulInARecordReachesTheCentralStoreAsAReplacementCharacter() throws Exception {
    assertEquals("{\"a\":\"x\\ufffdy\",\"b\":\"\\\\u0000\"}", JsonbText.of("{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\"}"));
    assertEquals("{}", JsonbText.of("{}"));
  }

  @Test
  void theServerStoppedAbruptlyInTheMiddleOfABatchAndStartedAgain() throws Exception {
    try (PostgresServer server = PostgresServer.start()) {
      CentralFixture central = new CentralFixture(server, dir);
      ProbeIdentity probe = FleetRows.probe("kz-crash-1");
      UploadSettings s = central.addProbe(probe.id(), server.port(), 25);
      try (Connection su = central.db.superuser(); Statement st = su.createStatement()) {
        // The 30th row of any upload waits for a lock the test holds: the server stops with a batch half-written.
        st.execute("CREATE SEQUENCE public.rows_seen");
        st.execute("CREATE FUNCTION public.hold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN"
            + " IF nextval('public.rows_seen') = 30 THEN PERFORM pg_advisory_xact_lock_shared(4242); END IF;"
            + " RETURN NEW; END $$");
        st.execute("CREATE TRIGGER hold BEFORE INSERT ON censorprobe.measurements FOR EACH ROW"
            + " EXECUTE FUNCTION public.hold()");
      }
      try (MeasurementStore store = store("s")) {
        List<String> ids = FleetRows.fill(store, probe, 4, 25, T0);
        Uploader u = uploader(store, s, probe.id(), new ProbeMetrics("dev"));
        Connection holder = central.db.superuser();
        Statement hs = holder.createStatement();
        hs.execute("SELECT pg_advisory_lock(4242)");
        CompletableFuture<Uploader.Pass> pass = CompletableFuture.supplyAsync(u::passNow);
        waitFor(() -> {
          try (Connection c = central.db.superuser(); Statement q = c.createStatement();
               ResultSet r = q.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                   + " AND NOT granted")) {
            r.next();
            return r.getInt(1) > 0;
          }
        });
        server.stopImmediately();
        Uploader.Pass p = pass.get(60, TimeUnit.SECONDS);
        assertFalse(p.ok());
        assertEquals(25, p.rowsSent(), "the first batch was committed, the second was cut");
        try {
          holder.close();
        } catch (java.sql.SQLException ignored) {
          // the server is gone
        }
        server.restart();
        try (Connection su = central.db.superuser(); Statement st = su.createStatement()) {
          st.execute("DROP TRIGGER hold ON censorprobe.measurements");
        }
        assertTrue(u.passNow().ok());
        assertExactlyOnce(central, probe.id(), ids);
        assertEquals(0, store.outbox().state().pending());
      }
    }
  }

  interface Condition {
    boolean met() throws Exception;
  }

  /**
   * Polls until {@code c} holds. The cap only keeps a broken build from hanging: it is generous because CI
   * machines share two cores between builds, and a child JVM can take long to start there.
   */
  static void waitFor(Condition c) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!c.met()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met in 300 s");
      Thread.onSpinWait();
      Thread.sleep(20); // polling a server-side condition: there is nothing to block on
    }
  }

  @SuppressWarnings("unused")
  private static final ZoneOffset UTC = ZoneOffset.UTC;
}
