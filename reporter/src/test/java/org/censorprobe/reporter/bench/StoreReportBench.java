package org.censorprobe.reporter.bench;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.censorprobe.reporter.render.HtmlRenderer;
import org.censorprobe.reporter.render.JsonRenderer;

/**
 * Not a test: generates N stored measurements (default 1,000,000) in a SQLite store with the documented schema
 * and times a report over them. 2 probes x 10 platforms x 2 endpoints + 2 controls per 5-minute round; four
 * platforms SNI-blocked 06:00-20:00 UTC every day (about a quarter of the rows fail), one network outage a week.
 *
 * <pre>java -cp reporter/target/reporter.jar:reporter/target/test-classes \
 *   org.censorprobe.reporter.bench.StoreReportBench [measurements] [store path]</pre>
 */
public final class StoreReportBench {
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long ROUND_MS = 5 * 60_000L;
  private static final String[] PLATFORMS =
      {"facebook", "youtube", "instagram", "google", "twitter", "vk", "telegram", "whatsapp", "tiktok", "linkedin"};
  private static final String PADDING = "x".repeat(900); // records are a few KiB in life; the body sample

  public static void main(String[] args) throws Exception {
    long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    Path store = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("reporter-bench").resolve("bench.db");
    if (!Files.exists(store)) {
      long t = System.nanoTime();
      generate(store, target);
      System.out.printf("generated %,d measurements into %s (%,d MB) in %.1f s%n", target, store,
          Files.size(store) >> 20, (System.nanoTime() - t) / 1e9);
    }
    for (int run = 1; run <= 3; run++) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      InputProblems problems = new InputProblems(false);
      Report report = ReportBuilder.build(new MeasurementSources(store, List.of()), RowFilter.ALL,
          DetectionSettings.DEFAULTS, problems);
      long t1 = System.nanoTime();
      long cpu1 = threads.getCurrentThreadCpuTime();
      StringWriter html = new StringWriter();
      new HtmlRenderer(org.censorprobe.reporter.histories.Fixtures.COLOPHON).render(report, html);
      long t2 = System.nanoTime();
      StringWriter json = new StringWriter();
      new JsonRenderer(org.censorprobe.reporter.histories.Fixtures.COLOPHON).render(report, json);
      long t3 = System.nanoTime();
      System.out.printf("run %d: read+detect %,d measurements (%,d rounds) in %.2f s wall, %.2f s cpu; %d incidents, %d events;"
              + " html %.2f s (%,d KB); json %.2f s; heap used %,d MB; load average %.1f%n", run, report.input().measurements(),
          report.input().rounds(), (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, report.incidents().size(), report.events().size(),
          (t2 - t1) / 1e9, html.getBuffer().length() >> 10, (t3 - t2) / 1e9,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static void generate(Path store, long target) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store)) {
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=OFF");
        s.execute("PRAGMA synchronous=OFF");
        s.execute("CREATE TABLE measurements (id TEXT PRIMARY KEY, round_id TEXT NOT NULL, measured_at INTEGER NOT NULL,"
            + " probe TEXT NOT NULL, role TEXT NOT NULL, platform TEXT NOT NULL, endpoint TEXT NOT NULL,"
            + " verdict TEXT NOT NULL, method TEXT, record TEXT NOT NULL)");
      }
      db.setAutoCommit(false);
      String[][] probes = {{"kcell-1", "Kcell", "29355"}, {"beeline-1", "Beeline", "21299"}};
      long n = 0;
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO measurements VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        for (long r = 0; n < target; r++) {
          long roundAt = T0 + r * ROUND_MS;
          long minuteOfDay = (roundAt / 60_000L) % (24 * 60);
          boolean blockHours = minuteOfDay >= 6 * 60 && minuteOfDay < 20 * 60;
          boolean outage = (r % 2016) >= 1000 && (r % 2016) < 1012; // an hour a week
          for (String[] p : probes) {
            String roundId = p[0] + "-" + r;
            int k = 0;
            for (String platform : PLATFORMS) {
              boolean blocked = !outage && blockHours && k < 4;
              for (String host : new String[] {"www." + platform + ".com", "m." + platform + ".com"}) {
                String verdict = outage ? "technical" : blocked ? "blocked" : "ok";
                String method = outage ? "network.down" : blocked ? "tls.sni_filtered" : null;
                add(insert, p, roundId, roundAt + k * 300L, "platform", platform, host + ":443", verdict, method, outage, n++);
              }
              k++;
            }
            add(insert, p, roundId, roundAt + 4000, "control", "control", "example.org:443",
                outage ? "technical" : "ok", outage ? "network.down" : null, outage, n++);
            add(insert, p, roundId, roundAt + 4100, "control", "control", "kz-control.kz:443",
                outage ? "technical" : "ok", outage ? "network.down" : null, outage, n++);
          }
          if (r % 500 == 0) {
            insert.executeBatch();
            db.commit();
          }
        }
        insert.executeBatch();
        db.commit();
      }
      try (Statement s = db.createStatement()) {
        s.execute("CREATE INDEX measurements_time ON measurements(measured_at)");
        s.execute("CREATE INDEX measurements_probe_platform ON measurements(probe, platform, measured_at)");
        s.execute("PRAGMA user_version = 1");
      }
      db.commit();
    }
  }

  private static void add(PreparedStatement insert, String[] probe, String roundId, long at, String role,
                          String platform, String endpoint, String verdict, String method, boolean outage, long n)
      throws Exception {
    String id = probe[0] + "-m" + n;
    String host = endpoint.substring(0, endpoint.indexOf(':'));
    String m = method == null ? "null" : "\"" + method + "\"";
    String evidence = "blocked".equals(verdict)
        ? "The connection to " + host + " was reset right after the ClientHello named it."
        : outage ? "Nothing was reachable, the controls included." : host + " answered normally.";
    String record = "{\"schema\":1,\"id\":\"" + id + "\",\"round_id\":\"" + roundId + "\",\"measured_at\":\""
        + Instant.ofEpochMilli(at) + "\",\"probe\":\"" + probe[0] + "\",\"probe_info\":{\"country\":\"KZ\",\"network\":\""
        + probe[1] + "\",\"asn\":" + probe[2] + "},\"role\":\"" + role + "\",\"platform\":\"" + platform
        + "\",\"platform_name\":\"" + platform + "\",\"endpoint\":\"" + endpoint + "\",\"verdict\":\"" + verdict
        + "\",\"method\":" + m + ",\"confidence\":\"high\",\"evidence\":\"" + evidence + "\",\"facts\":{},"
        + "\"platform_verdict\":{\"verdict\":\"" + verdict + "\",\"method\":" + m + ",\"confidence\":\"high\","
        + "\"evidence\":\"" + evidence + "\",\"facts\":{},\"driven_by\":[\"" + endpoint + "\"]},"
        + "\"round\":{\"controls_total\":2,\"controls_ok\":" + (outage ? 0 : 2) + ",\"domestic_total\":1,\"domestic_ok\":"
        + (outage ? 0 : 1) + ",\"local_network\":\"" + (outage ? "down" : "up") + "\"},\"duration_ms\":120.5,"
        + "\"steps\":{\"dns\":[{\"resolver\":\"system\",\"query\":\"" + host + "\",\"query_type\":\"A\",\"rcode\":\"NOERROR\","
        + "\"answers\":[{\"name\":\"" + host + "\",\"type\":\"A\",\"ttl\":300,\"data\":\"157.240.1.35\",\"bogon\":false}]}],"
        + "\"tls\":[{\"address\":\"157.240.1.35\",\"port\":443,\"server_name\":\"" + host + "\",\"chain\":[],\"failure\":"
        + ("blocked".equals(verdict) ? "\"connection_reset\"" : "null") + "}],"
        + "\"sni_swap\":[{\"server_name\":\"example.org\",\"failure\":null}],"
        + "\"http\":[{\"url\":\"https://" + host + "/\",\"status_code\":200,\"body_sample\":\"" + PADDING + "\"}]}}";
    insert.setString(1, id);
    insert.setString(2, roundId);
    insert.setLong(3, at);
    insert.setString(4, probe[0]);
    insert.setString(5, role);
    insert.setString(6, platform);
    insert.setString(7, endpoint);
    insert.setString(8, verdict);
    insert.setString(9, method);
    insert.setString(10, record);
    insert.addBatch();
  }
}
