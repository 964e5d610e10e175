package org.censorprobe.probe.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.censorprobe.central.testing.PostgresServer;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreLimits;
import org.censorprobe.probe.upload.CentralFixture;
import org.censorprobe.probe.upload.Uploader;

/**
 * Not a test: central ingest rate. P probes (default 10), each with its own SQLite store of M measurements
 * (default 20,000), upload at the same time, each through its own real uploader (TLS, its own role, row-level
 * security, batches of 500) into one real PostgreSQL 15 on this machine (default settings, fsync on). Records
 * are the real ones of store/v1-loopback.db with a padding field that brings them to about 4 KiB, the size of a
 * record with an HTTP body sample. Prints one JSON object.
 *
 * <pre>bench/central [probes] [rows per probe]</pre>
 */
public final class CentralIngestBench {
  private CentralIngestBench() {}

  public static void main(String[] args) throws Exception {
    int probes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rowsPerProbe = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path dir = Files.createTempDirectory("central-bench");
    List<String> templates = templates(dir);
    try (PostgresServer server = PostgresServer.start()) {
      CentralFixture central = new CentralFixture(server, dir);
      List<MeasurementStore> stores = new ArrayList<>();
      List<Uploader> uploaders = new ArrayList<>();
      long fillStart = System.nanoTime();
      for (int p = 0; p < probes; p++) {
        String probe = "bench-" + p;
        UploadSettings s = central.addProbe(probe, server.port(), UploadSettings.DEFAULT_BATCH);
        MeasurementStore store = MeasurementStore.open(dir.resolve(probe + ".db"), "bench");
        store.limits(new StoreLimits(0, true));
        fill(store.file(), probe, rowsPerProbe, templates);
        stores.add(store);
        uploaders.add(new Uploader(store, s, probe, new ProbeMetrics("bench"), Clock.systemUTC(), new Random(p),
            Uploader.Hooks.NONE));
      }
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      ExecutorService pool = Executors.newFixedThreadPool(probes);
      long start = System.nanoTime();
      List<Future<Uploader.Pass>> passes = new ArrayList<>();
      for (Uploader u : uploaders) passes.add(pool.submit(u::passNow));
      long rows = 0;
      for (Future<Uploader.Pass> f : passes) {
        Uploader.Pass pass = f.get();
        if (!pass.ok()) throw new IllegalStateException("an upload failed: " + pass);
        rows += pass.rowsWritten();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long central_rows = central.count("SELECT count(*) FROM censorprobe.measurements");
      long bytes = central.count("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_inherits i JOIN pg_class c"
          + " ON c.oid = i.inhrelid WHERE i.inhparent = 'censorprobe.measurements'::regclass");
      long recordBytes = central.count("SELECT sum(octet_length(record::text)) FROM censorprobe.measurements");
      for (MeasurementStore s : stores) s.close();
      System.out.println(String.format(Locale.ROOT, "{\"bench\": \"central-ingest\", \"probes\": %d, \"rows_per_probe\": %d,"
          + " \"rows\": %d, \"central_rows\": %d, \"seconds\": %.2f, \"rows_per_second\": %.0f,"
          + " \"bytes_per_row_on_disk\": %d, \"record_bytes_per_row\": %d, \"fill_seconds\": %.1f,"
          + " \"batch\": %d, \"cpus\": %d}", probes, rowsPerProbe, rows, central_rows, seconds, rows / seconds,
          bytes / Math.max(1, central_rows), recordBytes / Math.max(1, central_rows), fillSeconds,
          UploadSettings.DEFAULT_BATCH, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** The real records, padded to about 4 KiB (a body sample's worth). */
  private static List<String> templates(Path dir) throws Exception {
    Path db = dir.resolve("templates.db");
    try (InputStream in = CentralIngestBench.class.getResourceAsStream("/store/v1-loopback.db")) {
      Files.copy(in, db);
    }
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT record FROM measurements")) {
      while (r.next()) {
        String rec = r.getString(1);
        out.add(rec.substring(0, rec.length() - 1) + ",\"bench_padding\":\"" + "p".repeat(Math.max(0, 4000
            - rec.length())) + "\"}");
      }
    }
    return out;
  }

  /** Rows written straight into the store's table (filling through rounds would time the filling). */
  private static void fill(Path store, String probe, int rows, List<String> templates) throws Exception {
    long t0 = Instant.now().minusSeconds(rows).toEpochMilli();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO measurements(id, round_id, measured_at, probe, role,"
          + " platform, endpoint, verdict, method, record, classifier) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        for (int i = 0; i < rows; i++) {
          String id = UUID.randomUUID().toString();
          ps.setString(1, id);
          ps.setString(2, "round-" + (i / 20));
          ps.setLong(3, t0 + i * 1000L);
          ps.setString(4, probe);
          ps.setString(5, i % 20 == 0 ? "control" : "platform");
          ps.setString(6, i % 20 == 0 ? "control" : "p" + (i % 10));
          ps.setString(7, "https://p" + (i % 20) + ".example/");
          ps.setString(8, i % 7 == 0 ? "blocked" : "ok");
          ps.setString(9, i % 7 == 0 ? "tls.sni_filtered" : null);
          ps.setString(10, templates.get(i % templates.size()).replaceFirst("\"probe\":\"fixture-v1\"",
              "\"probe\":\"" + probe + "\""));
          ps.setString(11, "bench");
          ps.addBatch();
          if (i % 1000 == 999) ps.executeBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }
}
