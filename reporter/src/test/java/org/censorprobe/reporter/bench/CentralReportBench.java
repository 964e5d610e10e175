package org.censorprobe.reporter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.reporter.histories.HistoryWriter;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.CentralSource;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.censorprobe.reporter.render.HtmlRenderer;
import org.censorprobe.reporter.render.JsonRenderer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Not a test: the fleet report over the central store (bench/central-report runs it).
 *
 * <pre>
 * load JDBC_URL ADMIN ADMIN_PASSWORD_FILE PROBES ROWS   fills censorprobe.measurements (COPY, as the administrator)
 * report URL READER_PASSWORD_FILE [RUNS]             times ReportBuilder + the JSON and HTML renderers
 * </pre>
 *
 * The rows are real records: rounds judged by the real classifier (histories.HistoryWriter), 10 platforms x 2
 * endpoints + 2 controls + 2 resolvers = 24 records a round, re-stamped for each probe and round (5-minute
 * rounds). Facebook and YouTube are blocked by SNI filtering on three probes for 14 h and again for 8 h, by DNS
 * tampering on two for 13 h; one probe's own network is down for 3 h; one probe's last day arrived 2 h late.
 */
public final class CentralReportBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ROUND_MS = 5 * 60_000L;
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final String[] PLATFORMS =
      {"facebook", "youtube", "instagram", "twitter", "vk", "telegram", "whatsapp", "tiktok", "google", "linkedin"};
  private static final String[][] NETWORKS = {{"Kazakhtelecom", "9198"}, {"Beeline", "21299"}, {"Kcell", "29355"},
      {"Tele2", "48503"}, {"Altel", "50482"}, {"Transtelecom", "35104"}, {"Kaztranscom", "35168"},
      {"2Day Telecom", "21282"}, {"Jusan Mobile", "206026"}, {"Astel", "29555"}};

  private CentralReportBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "load" -> load(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
      case "report" -> report(args[1], Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 3);
      default -> throw new IllegalArgumentException("load or report");
    }
  }

  private enum Kind { OK, SNI, DNS, DOWN }

  /** One round of each kind, judged by the real classifier, as record texts. */
  private static Map<Kind, List<String>> templates() {
    Map<Kind, List<String>> out = new java.util.EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      HistoryWriter w = new HistoryWriter("template", "Template", 64500);
      for (String p : PLATFORMS) {
        boolean target = p.equals("facebook") || p.equals("youtube");
        char c = switch (k) {
          case OK -> 'o';
          case SNI, DNS -> target ? 'B' : 'o';
          case DOWN -> 'N';
        };
        w.platform(p, String.valueOf(c), k == Kind.DNS ? Method.DNS_BOGON : Method.TLS_SNI_FILTERED);
      }
      out.put(k, w.lines());
    }
    return out;
  }

  private static Kind kind(int probe, long round) {
    if (probe <= 2 && (round >= 1000 && round < 1168 || round >= 3000 && round < 3096)) return Kind.SNI;
    if ((probe == 3 || probe == 4) && round >= 1012 && round < 1168) return Kind.DNS;
    if (probe == 5 && round >= 1050 && round < 1086) return Kind.DOWN;
    return Kind.OK;
  }

  static void load(String url, String admin, Path passwordFile, int probes, long rows) throws Exception {
    Map<Kind, List<String>> templates = templates();
    int perRound = templates.get(Kind.OK).size();
    long rounds = rows / probes / perRound;
    Properties p = new Properties();
    p.setProperty("user", admin);
    p.setProperty("password", java.nio.file.Files.readAllLines(passwordFile).get(0));
    long t0 = System.nanoTime();
    long n = 0;
    try (Connection c = DriverManager.getConnection(url, p)) {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT censorprobe.ensure_partitions(3, '" + START + "')");
        s.execute("TRUNCATE censorprobe.measurements");
      }
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY censorprobe.measurements (id, measured_at,"
          + " received_at, probe, network, asn, country, round_id, role, platform, endpoint, verdict, method, revision,"
          + " classifier, record) FROM STDIN");
      StringBuilder b = new StringBuilder(1 << 20);
      for (long r = 0; r < rounds; r++) {
        for (int probe = 0; probe < probes; probe++) {
          String id = "bench-" + probe;
          String network = NETWORKS[probe % NETWORKS.length][0];
          int asn = Integer.parseInt(NETWORKS[probe % NETWORKS.length][1]);
          long at = START.toEpochMilli() + r * ROUND_MS + probe * 7_000L;
          long delay = probe == 7 && r >= rounds - 288 ? 2 * 3600_000L : 2_000L;
          int k = 0;
          for (String template : templates.get(kind(probe, r))) {
            ObjectNode rec = (ObjectNode) JSON.readTree(template);
            long ms = at + k * 40L;
            String mid = id + "-" + r + "-" + k++;
            rec.put("id", mid);
            rec.put("round_id", id + "-r" + r);
            rec.put("measured_at", Instant.ofEpochMilli(ms).toString());
            rec.put("probe", id);
            ObjectNode info = (ObjectNode) rec.get("probe_info");
            info.put("network", network);
            info.put("asn", asn);
            String text = JSON.writeValueAsString(rec);
            b.append(mid).append('\t').append(Instant.ofEpochMilli(ms)).append('\t')
                .append(Instant.ofEpochMilli(ms + delay)).append('\t').append(id).append('\t').append(network)
                .append('\t').append(asn).append("\tKZ\t").append(id).append("-r").append(r).append('\t')
                .append(rec.get("role").asText()).append('\t').append(rec.get("platform").asText()).append('\t')
                .append(rec.get("endpoint").asText()).append('\t').append(rec.get("verdict").asText()).append('\t')
                .append(rec.get("method").isNull() ? "\\N" : rec.get("method").asText()).append("\t0\t")
                .append("bench\t").append(copyText(text)).append('\n');
            n++;
          }
          if (b.length() > (1 << 20)) {
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            b.setLength(0);
          }
        }
      }
      byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE censorprobe.measurements");
      }
      long size;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'censorprobe.measurements'::regclass")) {
        rs.next();
        size = rs.getLong(1);
      }
      System.out.printf("{\"loaded\": %d, \"probes\": %d, \"rounds_per_probe\": %d, \"seconds\": %.1f,"
          + " \"bytes_on_disk\": %d}%n", n, probes, rounds, (System.nanoTime() - t0) / 1e9, size);
    }
  }

  private static String copyText(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static void report(String url, Path passwordFile, int runs) throws Exception {
    CentralSource source = CentralSource.parse(url, passwordFile, Map.of());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<String> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Report report = ReportBuilder.build(new MeasurementSources(List.of(), source, List.of()), RowFilter.ALL,
          DetectionSettings.DEFAULTS, new InputProblems(false));
      long t1 = System.nanoTime();
      StringWriter json = new StringWriter();
      new JsonRenderer().render(report, json);
      long t2 = System.nanoTime();
      StringWriter html = new StringWriter();
      new HtmlRenderer().render(report, html);
      long t3 = System.nanoTime();
      long cpu1 = os.getProcessCpuTime();
      results.add(String.format(java.util.Locale.ROOT, "{\"run\": %d, \"measurements\": %d, \"rounds\": %d,"
              + " \"probes\": %d, \"incidents\": %d, \"events\": %d, \"fleet_events\": %d, \"read_and_detect_seconds\": %.2f,"
              + " \"json_seconds\": %.2f, \"report_json_seconds\": %.2f, \"html_seconds\": %.2f, \"html_kb\": %d,"
              + " \"process_cpu_seconds\": %.2f, \"heap_used_mb\": %d, \"load_average\": %.1f}", run,
          report.input().measurements(), report.input().rounds(), report.probes().size(), report.incidents().size(),
          report.events().size(), report.fleet() == null ? 0 : report.fleet().events().size(), (t1 - t0) / 1e9,
          (t2 - t1) / 1e9, (t2 - t0) / 1e9, (t3 - t2) / 1e9, html.getBuffer().length() >> 10, (cpu1 - cpu0) / 1e9,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
          os.getSystemLoadAverage()));
      System.err.println(results.get(results.size() - 1));
      if (run == runs && report.fleet() != null) {
        for (var e : report.fleet().events()) System.err.println("  " + e.id() + " " + e.headline());
        if (report.arrival() != null) for (var a : report.arrival().probes()) System.err.println("  " + a.sentence());
      }
    }
    System.out.println("[" + String.join(",\n ", results) + "]");
  }
}
