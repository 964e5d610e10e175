package org.censorprobe.reporter.cli;

import static org.censorprobe.reporter.histories.HistoryWriter.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.central.Migrations;
import org.censorprobe.central.Roles;
import org.censorprobe.central.testing.PostgresServer;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.config.UploadSettings;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.upload.Uploader;
import org.censorprobe.reporter.histories.Histories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reporter reading the fleet's central PostgreSQL, for real: a PostgreSQL started here (initdb + pg_ctl, TLS
 * with a test CA, 127.0.0.1), migrated and given its roles by the central module, filled by the probe's own store
 * and uploader with five probes' histories (histories/fleet.jsonl), read as the reader role. The report from the
 * central store is the report from the probes' own SQLite files; the central store adds when data arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CentralStoreReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READER = "reporter_test";
  private static final String READER_PASSWORD = "reader pw: with a colon";
  /** The histories are of 2026-11-20; the clock only matters for relative times, not used here. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path dir;
  private PostgresServer.Database db;
  private Path passwordFile;
  private final List<Path> stores = new ArrayList<>();
  /** A classifier later than the one that judged the histories; it re-judges one round of Kcell's. */
  private static final ClassifierVersion LATER = new ClassifierVersion("9.0.0", LocalDate.parse("2026-12-01"));
  private int rejudged;

  @BeforeAll
  void fleetDeliversToTheCentralStore() throws Exception {
    PostgresServer server = PostgresServer.shared();
    db = server.newDatabase();
    Migrations.migrate(db.jdbcUrl(), db.adminRole(), db.adminPassword());
    Map<String, List<Measurement>> byProbe = new LinkedHashMap<>();
    for (String line : Histories.all().get("fleet")) {
      Measurement m = MeasurementCodec.read(line);
      byProbe.computeIfAbsent(m.probe().id(), k -> new ArrayList<>()).add(m);
    }
    try (Connection admin = db.admin()) {
      for (String probe : byProbe.keySet()) Roles.addProbe(admin, probe, "probe_" + probe, "pw-" + probe);
      Roles.addReader(admin, READER, READER_PASSWORD);
    }
    passwordFile = dir.resolve("reader.pw");
    Files.writeString(passwordFile, READER_PASSWORD + "\n");
    for (var e : byProbe.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".db");
      stores.add(file);
      Path pw = dir.resolve(e.getKey() + ".pw");
      Files.writeString(pw, "pw-" + e.getKey() + "\n");
      try (MeasurementStore store = MeasurementStore.open(file)) {
        Map<String, List<Measurement>> rounds = new LinkedHashMap<>();
        for (Measurement m : e.getValue()) rounds.computeIfAbsent(m.roundId(), k -> new ArrayList<>()).add(m);
        for (List<Measurement> r : rounds.values()) store.storeRound(r);
        if (e.getKey().equals("kcell-1")) rejudged = rejudge(store, rounds.values().iterator().next());
        UploadSettings settings = new UploadSettings("127.0.0.1", server.port(), db.name(), "probe_" + e.getKey(), pw,
            server.caFile(), 50, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5));
        try (Uploader u = new Uploader(store, settings, e.getKey(), new ProbeMetrics("test"), Clock.systemUTC(),
            new Random(1), Uploader.Hooks.NONE)) {
          Uploader.Pass pass = u.passNow();
          assertTrue(pass.ok(), String.valueOf(pass));
          assertEquals(e.getValue().size(), pass.rowsWritten());
        }
      }
    }
    // When the rows arrived, as the server would have stamped them: promptly, except Beeline's from round 10 on,
    // which waited three hours (a cut uplink); Kazakhtelecom reported an episode of failed uploads meanwhile.
    try (Connection su = db.superuser(); Statement s = su.createStatement()) {
      s.executeUpdate("UPDATE censorprobe.measurements SET received_at = measured_at + interval '2 seconds'");
      s.executeUpdate("UPDATE censorprobe.measurements SET received_at = measured_at + interval '3 hours'"
          + " WHERE probe = 'beeline-1' AND measured_at >= '" + round(10) + "'");
      s.executeUpdate("INSERT INTO censorprobe.upload_failures(probe, started_at, last_failed_at, ended_at, attempts,"
          + " reason) VALUES ('kaztel-1', '" + round(5) + "', '" + round(7) + "', '" + round(7).plusSeconds(30)
          + "', 4, 'connect_timeout')");
    }
  }

  /** Judged again by a later classifier before its upload, as {@code probe reclassify} does: revision 1. */
  private static int rejudge(MeasurementStore store, List<Measurement> round) {
    List<Measurement> again = new ArrayList<>();
    Map<String, Integer> revisions = new LinkedHashMap<>();
    for (Measurement m : round) {
      Judgement j = m.judgement();
      again.add(m.rejudged(new Judgement(j.interpretation(), j.platform(), j.round(), LATER, round(20))));
      revisions.put(m.id(), 0);
    }
    int written = store.rejudgeRound(again, revisions, List.of());
    assertEquals(round.size(), written);
    return written;
  }

  private String url() {
    return "postgresql://" + READER + "@127.0.0.1:" + PostgresServer.shared().port() + "/" + db.name()
        + "?sslrootcert=" + PostgresServer.shared().caFile();
  }

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, clock, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString());
  }

  private JsonNode json(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    Run r = run(env, all.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  private String[] fromStores(String... more) {
    List<String> args = new ArrayList<>();
    for (Path s : stores) args.addAll(List.of("--store", s.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** What must differ between the two: where the rows came from, and what only the central store knows. */
  private static JsonNode normalised(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    ((ObjectNode) copy.get("input")).remove("sources");
    copy.remove("arrival");
    return copy;
  }

  @Test
  void theCentralStoreGivesTheReportOfTheProbesOwnStores() throws Exception {
    JsonNode central = json(Map.of(), "--store", url(), "--password-file", passwordFile.toString());
    JsonNode local = json(Map.of(), fromStores());
    assertEquals(normalised(local), normalised(central));
    assertEquals(1, central.get("fleet").get("events").size());
    String headline = central.get("fleet").get("events").get(0).get("headline").asText();
    assertTrue(headline.startsWith("Facebook and Youtube blocked on Beeline (AS21299) by DNS tampering"), headline);
    assertTrue(headline.contains("reachable on Kcell (AS29355) at the same time"), headline);
    assertEquals(5, stores.size());
    assertEquals(stores.size(), local.get("input").get("sources").size());
    JsonNode source = central.get("input").get("sources").get(0);
    assertEquals("central", source.get("kind").asText());
    assertTrue(source.get("path").asText().endsWith("/" + db.name() + " (as " + READER + ")"), source.toString());
    assertEquals(central.get("input").get("measurements").asLong(), source.get("measurements").asLong());
    assertFalse(central.toString().contains(READER_PASSWORD), "no password in the report");
  }

  @Test
  void theFooterSaysWhoJudgedWhatAsTheProbesOwnStoresDo() throws Exception {
    // The classifiers, with the re-judged round: from the central store's own columns, equal to the stores'.
    JsonNode central = json(Map.of(), "--store", url(), "--password-file", passwordFile.toString());
    JsonNode classifiers = central.get("input").get("classifiers");
    assertEquals(2, classifiers.size(), classifiers.toString());
    assertEquals("9.0.0", classifiers.get(0).get("version").asText(), "the newest first");
    assertEquals(rejudged, classifiers.get(0).get("measurements").asLong());
    assertEquals(rejudged, classifiers.get(0).get("rejudged").asLong());
    assertEquals(0, classifiers.get(1).get("rejudged").asLong());
    assertEquals(central.get("input").get("measurements").asLong(),
        classifiers.get(0).get("measurements").asLong() + classifiers.get(1).get("measurements").asLong());
    assertEquals(json(Map.of(), fromStores()).get("input").get("classifiers"), classifiers);

    Run md = run(Map.of(), "--store", url(), "--password-file", passwordFile.toString(), "--format", "md");
    assertEquals(0, md.code(), md.err());
    String about = md.out().substring(md.out().indexOf("## About this report"));
    assertTrue(about.contains(" from the central store " + db.name() + "."), about);
    assertFalse(about.contains("127.0.0.1") || about.contains(READER), "its database, not its host or role: " + about);
    Run local = run(Map.of(), fromStores("--format", "md"));
    String localAbout = local.out().substring(local.out().indexOf("## About this report"));
    assertEquals(line(localAbout, "Verdicts by"), line(about, "Verdicts by"));
    assertTrue(line(about, "Verdicts by").contains("classifier 9.0.0 (2026-12-01) for " + rejudged
        + " measurements, every one re-judged"), about);
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("no line " + prefix);
  }

  @Test
  void filtersArePushedToTheServerAndGiveTheSameReport() throws Exception {
    String[] filters = {"--from", round(3).toString(), "--to", round(12).toString(), "--probe", "kaztel-1",
        "--probe", "kcell-1", "--platform", "facebook"};
    List<String> central = new ArrayList<>(List.of("--store", url(), "--password-file", passwordFile.toString()));
    central.addAll(List.of(filters));
    JsonNode c = json(Map.of(), central.toArray(String[]::new));
    JsonNode l = json(Map.of(), fromStores(filters));
    assertEquals(normalised(l), normalised(c));
    assertEquals(2, c.get("probes").size());
    for (JsonNode t : c.get("timelines")) {
      String p = t.get("platform").asText();
      assertTrue(p.equals("facebook") || p.equals("network") || p.startsWith("resolver "), p);
    }
  }

  @Test
  void theReportSaysWhenTheWindowsDataArrived() throws Exception {
    JsonNode r = json(Map.of(), "--store", url(), "--password-file", passwordFile.toString(),
        "--from", round(0).toString(), "--to", round(16).toString());
    JsonNode arrival = r.get("arrival");
    Map<String, JsonNode> probes = new LinkedHashMap<>();
    for (JsonNode p : arrival.get("probes")) probes.put(p.get("probe").asText(), p);
    assertEquals("current", probes.get("kcell-1").get("state").asText(), probes.toString());
    assertEquals(2, probes.get("kcell-1").get("max_delay_seconds").asLong());
    JsonNode beeline = probes.get("beeline-1");
    // the window ended more than three hours before the server's clock: what was late has arrived
    assertEquals("late_arrived", beeline.get("state").asText());
    assertEquals(3 * 3600, beeline.get("max_delay_seconds").asLong());
    assertEquals(60, beeline.get("late_rows").asLong(), "rounds 10 to 15, ten rows each");
    assertTrue(beeline.get("sentence").asText().contains("60 of its 160 measurements in this window arrived more"
        + " than 15 min after they were measured (up to 3 h 0 min late)"), beeline.get("sentence").asText());
    assertEquals(300, probes.get("kaztel-1").get("typical_interval_seconds").asLong());
    assertTrue(probes.get("kaztel-1").get("sentence").asText().contains("it reported failed uploads to the central"
        + " store from 2026-11-20 06:25 to 06:35 UTC (connect_timeout, 4 attempts)"), probes.get("kaztel-1").toString());
    assertFalse(arrival.get("still_arriving").asBoolean());

    // Up to now (days after the last measurement): every probe has been silent for longer than its schedule.
    JsonNode now = json(Map.of(), "--store", url(), "--password-file", passwordFile.toString(),
        "--from", round(0).toString(), "--to", "2099-01-01T00:00:00Z");
    assertTrue(now.get("arrival").get("still_arriving").asBoolean());
    for (JsonNode p : now.get("arrival").get("probes")) assertEquals("silent", p.get("state").asText(), p.toString());
    String beelineNow = "";
    for (JsonNode p : now.get("arrival").get("probes")) {
      if (p.get("probe").asText().equals("beeline-1")) beelineNow = p.get("sentence").asText();
    }
    assertTrue(beelineNow.startsWith("beeline-1: nothing measured after 2026-11-20 07:15 UTC"), beelineNow);
    assertTrue(beelineNow.contains("; 60 of its 160 measurements in this window arrived more than 15 min after they"
        + " were measured (up to 3 h 0 min late)"), "silent, and late before: both said: " + beelineNow);

    // A window in which Altel measured nothing: named, with its last measurement before it.
    JsonNode quiet = json(Map.of(), "--store", url(), "--password-file", passwordFile.toString(),
        "--from", round(4).toString(), "--to", round(14).toString());
    JsonNode altel = null;
    for (JsonNode p : quiet.get("arrival").get("probes")) if (p.get("probe").asText().equals("altel-1")) altel = p;
    assertTrue(altel != null, quiet.get("arrival").toString());
    assertEquals("silent", altel.get("state").asText());
    assertEquals(round(3).plusMillis(500).toString(), altel.get("last_measured").asText(), "its controls, last");
  }

  @Test
  void theLateDataNoticeIsInTheHeaderOfEveryFormat() {
    Run md = run(Map.of(), "--store", url(), "--password-file", passwordFile.toString(), "--format", "md",
        "--from", round(0).toString(), "--to", "2099-01-01T00:00:00Z");
    assertEquals(0, md.code(), md.err());
    int notice = md.out().indexOf("**Late-arriving data**");
    assertTrue(notice > 0 && notice < md.out().indexOf("## Events"), md.out());
    assertTrue(md.out().contains("data for this window may still be arriving"), md.out());
    Path html = dir.resolve("r.html");
    Run h = run(Map.of(), "--store", url(), "--password-file", passwordFile.toString(), "--out", html.toString(),
        "--from", round(0).toString(), "--to", "2099-01-01T00:00:00Z");
    assertEquals(0, h.code(), h.err());
    try {
      String text = Files.readString(html);
      assertTrue(text.indexOf("id=\"arrival\"") < text.indexOf("id=\"events\""), "under the header");
      assertTrue(text.contains("may still be arriving"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void thePasswordComesFromTheEnvironmentOrALibpqPasswordFile() throws Exception {
    JsonNode viaEnv = json(Map.of("PGPASSWORD", READER_PASSWORD), "--store", url());
    assertEquals(5, viaEnv.get("probes").size());
    Path pgpass = dir.resolve("pgpass");
    Files.writeString(pgpass, "# host:port:database:user:password\n"
        + "otherhost:*:*:*:wrong\n"
        + "127.0.0.1:" + PostgresServer.shared().port() + ":*:" + READER + ":" + READER_PASSWORD.replace(":", "\\:")
        + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    JsonNode viaPassFile = json(Map.of("PGPASSFILE", pgpass.toString()), "--store", url());
    assertEquals(5, viaPassFile.get("probes").size());
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
    Run open = run(Map.of("PGPASSFILE", pgpass.toString()), "--store", url(), "--format", "json");
    assertEquals(Main.EXIT_USAGE, open.code(), open.err());
    assertTrue(open.err().contains("can be read by others"), open.err());
  }

  @Test
  void refusalsAreClearAndNeverEchoAPassword() throws Exception {
    Path wrong = dir.resolve("wrong.pw");
    Files.writeString(wrong, "not the password\n");
    Run badPassword = run(Map.of(), "--store", url(), "--password-file", wrong.toString(), "--format", "json");
    assertEquals(Main.EXIT_INPUT, badPassword.code());
    assertTrue(badPassword.err().contains("cannot log in as " + READER), badPassword.err());

    Run inUrl = run(Map.of(), "--store", url().replace(READER + "@", READER + ":secret@"), "--format", "json");
    assertEquals(Main.EXIT_USAGE, inUrl.code());
    assertTrue(inUrl.err().contains("carries a password"), inUrl.err());
    assertFalse(inUrl.err().contains("secret"), inUrl.err());

    Run plain = run(Map.of(), "--store", url() + "&sslmode=require", "--password-file", passwordFile.toString());
    assertEquals(Main.EXIT_USAGE, plain.code());
    assertTrue(plain.err().contains("does not verify the server's certificate"), plain.err());

    // A server certificate from a CA the reporter was not told to trust: refused before any password is sent.
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other CA").build();
    Path otherCaFile = dir.resolve("other-ca.pem");
    Files.writeString(otherCaFile, otherCa.certificatePem());
    Run untrusted = run(Map.of(), "--store", url().replace(PostgresServer.shared().caFile().toString(),
        otherCaFile.toString()), "--password-file", passwordFile.toString(), "--format", "json");
    assertEquals(Main.EXIT_INPUT, untrusted.code());
    assertTrue(untrusted.err().contains("cannot connect"), untrusted.err());

    // A probe's role may write its own rows, not read the fleet's.
    Path probePw = dir.resolve("kcell-1.pw");
    Run asProbe = run(Map.of(), "--store", url().replace(READER + "@", "probe_kcell-1@"), "--password-file",
        probePw.toString(), "--format", "json");
    assertEquals(Main.EXIT_INPUT, asProbe.code());
    assertTrue(asProbe.err().contains("may not read censorprobe.measurements"), asProbe.err());
  }
}
