package org.censorprobe.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import org.censorprobe.central.testing.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The central store against a real PostgreSQL: the schema as migrated, and every refusal that keeps a probe
 * writing only as itself, proved by trying.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CentralStoreTest {
  private static final String INSERT = "INSERT INTO censorprobe.measurements(id, measured_at, probe, round_id, role,"
      + " platform, endpoint, verdict, method, revision, record) VALUES (?,?,?,'r1','platform','facebook',"
      + "'https://facebook.com/','blocked','dns.bogon',0,'{\"schema\":1}'::jsonb)";

  private PostgresServer.Database db;
  @TempDir Path dir;

  @BeforeAll
  void migrate() throws Exception {
    db = PostgresServer.shared().newDatabase();
    assertEquals("2", Migrations.migrate(db.jdbcUrl(), db.adminRole(), db.adminPassword()));
    try (Connection admin = db.admin()) {
      Roles.addProbe(admin, "kz-almaty-1", "probe_kz-almaty-1", "pw-a");
      Roles.addProbe(admin, "kz-astana-1", "probe_kz-astana-1", "pw-b");
      Roles.addReader(admin, "reporter", "pw-r");
    }
  }

  private Connection probeA() throws SQLException {
    return db.as("probe_kz-almaty-1", "pw-a");
  }

  private Connection probeB() throws SQLException {
    return db.as("probe_kz-astana-1", "pw-b");
  }

  private static void insert(Connection c, String id, String probe, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, id);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setString(3, probe);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String sqlState(Executable e) {
    PSQLException x = assertThrows(PSQLException.class, e::run);
    return x.getSQLState();
  }

  @FunctionalInterface
  interface Executable {
    void run() throws Exception;
  }

  @Test
  void migratingAgainChangesNothingAndTheComingMonthsHavePartitions() throws Exception {
    assertEquals("2", Migrations.migrate(db.jdbcUrl(), db.adminRole(), db.adminPassword()));
    LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    try (Connection admin = db.admin()) {
      var parts = Partitions.list(admin);
      for (int i = 0; i <= 3; i++) {
        String name = "measurements_" + month.plusMonths(i).toString().substring(0, 7).replace('-', '_');
        assertTrue(parts.contains(name), name + " in " + parts);
      }
      assertEquals(0, Partitions.ensure(admin, month, 3), "nothing new the second time");
    }
  }

  @Test
  void everyPartitionAlsoOneMadeLaterHasTheReportersIndex() throws Exception {
    try (Connection admin = db.admin()) {
      Partitions.ensure(admin, LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(6), 0);
      long partitions = count(admin, "SELECT count(*) FROM pg_inherits"
          + " WHERE inhparent = 'censorprobe.measurements'::regclass");
      long indexed = count(admin, "SELECT count(*) FROM pg_inherits i JOIN pg_index x ON x.indrelid = i.inhrelid"
          + " JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_inherits p ON p.inhrelid = c.oid"
          + " WHERE i.inhparent = 'censorprobe.measurements'::regclass"
          + " AND p.inhparent = 'censorprobe.measurements_report'::regclass");
      assertEquals(partitions, indexed, "the report index on every partition");
      assertEquals(0, count(admin, "SELECT count(*) FROM pg_class WHERE relname = 'measurements_measured_at'"),
          "replaced by the report index, which leads with measured_at");
    }
  }

  @Test
  void aProbeWritesItsOwnRowsAndTheServerStampsReceivedAt() throws Exception {
    Instant at = Instant.now().minusSeconds(3600);
    try (Connection a = probeA()) {
      insert(a, "own-1", "kz-almaty-1", at);
    }
    try (Connection admin = db.admin(); Statement s = admin.createStatement();
         ResultSet r = s.executeQuery("SELECT probe, measured_at, received_at FROM censorprobe.measurements"
             + " WHERE id = 'own-1'")) {
      assertTrue(r.next());
      assertEquals("kz-almaty-1", r.getString(1));
      assertEquals(at.toEpochMilli(), r.getTimestamp(2).toInstant().toEpochMilli());
      assertTrue(r.getTimestamp(3).toInstant().isAfter(at.plusSeconds(3000)), "received_at is the server's clock");
    }
  }

  @Test
  void aProbeCannotInsertAsAnotherProbe() throws Exception {
    try (Connection a = probeA()) {
      assertEquals("42501", sqlState(() -> insert(a, "forged-1", "kz-astana-1", Instant.now())),
          "row-level security refuses the other probe's id");
      assertEquals("42501", sqlState(() -> insert(a, "forged-2", "not-a-probe", Instant.now())));
    }
    try (Connection admin = db.admin()) {
      assertEquals(0, count(admin, "SELECT count(*) FROM censorprobe.measurements WHERE id LIKE 'forged-%'"));
    }
  }

  @Test
  void aProbeCannotReadOrAlterAnotherProbesRows() throws Exception {
    try (Connection b = probeB()) {
      insert(b, "theirs-1", "kz-astana-1", Instant.now());
    }
    try (Connection a = probeA(); Statement s = a.createStatement()) {
      insert(a, "mine-1", "kz-almaty-1", Instant.now());
      assertEquals(0, count(a, "SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-astana-1'"),
          "the other probe's rows are invisible");
      assertTrue(count(a, "SELECT count(*) FROM censorprobe.measurements WHERE probe = 'kz-almaty-1'") >= 1);
      assertEquals(0, count(a, "SELECT count(record) FROM censorprobe.measurements WHERE probe <> 'kz-almaty-1'"),
          "nor their records");
      assertEquals("42501", sqlState(() -> s.executeQuery("SELECT received_at FROM censorprobe.measurements")),
          "columns a probe has no use for are not readable at all");
      assertEquals(0, s.executeUpdate("UPDATE censorprobe.measurements SET verdict = 'ok' WHERE id = 'theirs-1'"),
          "an update of the other probe's row touches nothing");
      assertEquals("42501", sqlState(() -> s.executeUpdate(
          "UPDATE censorprobe.measurements SET probe = 'kz-astana-1' WHERE id = 'mine-1'")), "probe is not updatable");
      assertEquals("42501", sqlState(() -> s.executeUpdate("DELETE FROM censorprobe.measurements")));
      assertEquals("42501", sqlState(() -> s.execute("TRUNCATE censorprobe.measurements")));
      String partition = "censorprobe.measurements_"
          + LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7).replace('-', '_');
      assertEquals("42501", sqlState(() -> s.executeQuery("SELECT count(*) FROM " + partition)),
          "partitions cannot be read around the policies");
      assertEquals("42501", sqlState(() -> s.executeUpdate("INSERT INTO " + partition + "(id, measured_at, probe,"
          + " round_id, role, platform, endpoint, verdict, record) VALUES ('p1', now(), 'kz-astana-1', 'r', 'platform',"
          + " 'x', 'x', 'ok', '{}')")), "nor written around them");
      assertEquals("42501", sqlState(() -> s.executeUpdate("INSERT INTO censorprobe.measurements(id, measured_at,"
          + " received_at, probe, round_id, role, platform, endpoint, verdict, record) VALUES ('p2', now(),"
          + " '2000-01-01', 'kz-almaty-1', 'r', 'platform', 'x', 'x', 'ok', '{}')")), "received_at is the server's");
      assertEquals(1, count(a, "SELECT count(*) FROM censorprobe.probe_roles"), "a probe sees only its own mapping");
      assertEquals("42501", sqlState(() -> s.executeUpdate("INSERT INTO censorprobe.probe_roles(role_name, probe)"
          + " VALUES ('probe_kz-almaty-1', 'kz-astana-1')")));
    }
    try (Connection admin = db.admin()) {
      assertEquals(1, count(admin, "SELECT count(*) FROM censorprobe.measurements WHERE id = 'theirs-1'"
          + " AND verdict = 'blocked'"), "the other probe's row is as it was");
    }
  }

  @Test
  void aCollidingIdCannotOverwriteAnotherProbesRow() throws Exception {
    Instant at = Instant.parse("2026-11-20T10:00:00Z").atZone(ZoneOffset.UTC).withYear(
        LocalDate.now(ZoneOffset.UTC).getYear()).withMonth(LocalDate.now(ZoneOffset.UTC).getMonthValue()).toInstant();
    try (Connection b = probeB()) {
      insert(b, "collide-1", "kz-astana-1", at);
    }
    String upsert = "INSERT INTO censorprobe.measurements(id, measured_at, probe, round_id, role, platform, endpoint,"
        + " verdict, revision, record) VALUES ('collide-1', ?, 'kz-almaty-1', 'r', 'platform', 'x', 'x', 'ok', 5, '{}')"
        + " ON CONFLICT (id, measured_at) DO UPDATE SET verdict = EXCLUDED.verdict, revision = EXCLUDED.revision,"
        + " record = EXCLUDED.record WHERE measurements.revision < EXCLUDED.revision";
    try (Connection a = probeA(); PreparedStatement ps = a.prepareStatement(upsert)) {
      ps.setTimestamp(1, Timestamp.from(at));
      assertEquals("42501", sqlState(ps::executeUpdate));
    }
    try (Connection admin = db.admin()) {
      assertEquals(1, count(admin, "SELECT count(*) FROM censorprobe.measurements WHERE id = 'collide-1'"
          + " AND probe = 'kz-astana-1' AND revision = 0"));
    }
  }

  @Test
  void aReJudgedRowReplacesTheJudgementOnlyWhenItsRevisionIsNewer() throws Exception {
    Instant at = Instant.now().minusSeconds(60);
    String upsert = "INSERT INTO censorprobe.measurements(id, measured_at, probe, round_id, role, platform, endpoint,"
        + " verdict, revision, record) VALUES ('rj-1', ?, 'kz-almaty-1', 'r', 'platform', 'x', 'x', ?, ?, '{}')"
        + " ON CONFLICT (id, measured_at) DO UPDATE SET verdict = EXCLUDED.verdict, revision = EXCLUDED.revision,"
        + " record = EXCLUDED.record, revised_at = now() WHERE measurements.revision < EXCLUDED.revision";
    try (Connection a = probeA(); PreparedStatement ps = a.prepareStatement(upsert)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, "blocked");
      ps.setInt(3, 0);
      assertEquals(1, ps.executeUpdate());
      assertEquals(0, ps.executeUpdate(), "the same revision again: nothing");
      ps.setString(2, "technical");
      ps.setInt(3, 1);
      assertEquals(1, ps.executeUpdate(), "a newer revision replaces the judgement");
      ps.setString(2, "blocked");
      ps.setInt(3, 0);
      assertEquals(0, ps.executeUpdate(), "an older revision never comes back over a newer one");
    }
    try (Connection admin = db.admin()) {
      assertEquals(1, count(admin, "SELECT count(*) FROM censorprobe.measurements WHERE id = 'rj-1'"
          + " AND verdict = 'technical' AND revision = 1 AND revised_at IS NOT NULL"));
    }
  }

  @Test
  void uploadFailuresAreOwnRowsToo() throws Exception {
    String sql = "INSERT INTO censorprobe.upload_failures(probe, started_at, last_failed_at, attempts, reason)"
        + " VALUES (?, now(), now(), 3, 'connect_timeout')";
    try (Connection a = probeA(); PreparedStatement ps = a.prepareStatement(sql)) {
      ps.setString(1, "kz-almaty-1");
      assertEquals(1, ps.executeUpdate());
      ps.setString(1, "kz-astana-1");
      assertEquals("42501", sqlState(ps::executeUpdate));
    }
  }

  @Test
  void aReaderReadsEveryProbeAndWritesNothing() throws Exception {
    try (Connection a = probeA(); Connection b = probeB()) {
      insert(a, "read-a", "kz-almaty-1", Instant.now());
      insert(b, "read-b", "kz-astana-1", Instant.now());
    }
    try (Connection r = db.as("reporter", "pw-r")) {
      assertEquals(2, count(r, "SELECT count(*) FROM censorprobe.measurements WHERE id IN ('read-a', 'read-b')"));
      assertEquals(2, count(r, "SELECT count(record) FROM censorprobe.measurements WHERE id IN ('read-a', 'read-b')"));
      assertEquals("42501", sqlState(() -> insert(r, "read-c", "kz-almaty-1", Instant.now())));
    }
  }

  @Test
  void connectionsWithoutTlsOrWithAWrongPasswordAreRefused() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "probe_kz-almaty-1");
    p.setProperty("password", "pw-a");
    String plain = "jdbc:postgresql://127.0.0.1:" + db.server().port() + "/" + db.name() + "?sslmode=disable";
    assertEquals("28000", assertThrows(PSQLException.class, () -> DriverManager.getConnection(plain, p).close())
        .getSQLState(), "pg_hba rejects a connection without TLS");
    assertEquals("28P01", assertThrows(PSQLException.class, () -> db.as("probe_kz-almaty-1", "wrong").close())
        .getSQLState());
    // A server certificate that does not chain to the CA the client trusts: the client refuses the server.
    Path otherCa = dir.resolve("other-ca.pem");
    Files.writeString(otherCa, new okhttp3.tls.HeldCertificate.Builder().certificateAuthority(0).build()
        .certificatePem());
    String untrusted = "jdbc:postgresql://127.0.0.1:" + db.server().port() + "/" + db.name()
        + "?sslmode=verify-full&sslrootcert=" + otherCa;
    PSQLException e = assertThrows(PSQLException.class, () -> DriverManager.getConnection(untrusted, p).close());
    assertTrue(String.valueOf(e.getMessage()).contains("SSL"), e.getMessage());
  }

  @Test
  void rowsOutsideEveryMonthAreKeptAndMoveIntoTheirMonthWhenItIsMade() throws Exception {
    // A database of its own: retention below drops every month before 2031.
    PostgresServer.Database own = PostgresServer.shared().newDatabase();
    Migrations.migrate(own.jdbcUrl(), own.adminRole(), own.adminPassword());
    try (Connection admin = own.admin()) {
      Roles.addProbe(admin, "kz-almaty-1", "probe_kz-almaty-1_f", "pw-f");
    }
    Instant far = Instant.parse("2031-03-15T12:00:00Z");
    try (Connection a = own.as("probe_kz-almaty-1_f", "pw-f")) {
      insert(a, "future-1", "kz-almaty-1", far);
    }
    try (Connection admin = own.admin()) {
      assertEquals(1, Partitions.defaultRows(admin));
      assertEquals(1, Partitions.ensure(admin, LocalDate.of(2031, 3, 1), 0));
      assertEquals(0, Partitions.defaultRows(admin));
      assertEquals(1, count(admin, "SELECT count(*) FROM censorprobe.measurements_2031_03 WHERE id = 'future-1'"));
      assertEquals(java.util.List.of("measurements_2031_03"), Partitions.dropBefore(admin,
          Instant.parse("2031-04-01T00:00:00Z")).stream().filter(n -> n.startsWith("measurements_2031")).toList());
      assertFalse(Partitions.list(admin).contains("measurements_2031_03"));
    }
  }

  @Test
  void theVerbsWorkFromTheCommandLine() throws Exception {
    PostgresServer.Database other = PostgresServer.shared().newDatabase();
    Path adminPw = dir.resolve("admin.pw");
    Files.writeString(adminPw, other.adminPassword() + "\n");
    Path probePw = dir.resolve("probe.pw");
    Files.writeString(probePw, "s3cret\n");
    String[] conn = {"--db", other.url(), "--user", other.adminRole(), "--admin-password-file", adminPw.toString()};
    assertEquals(0, run(concat(new String[] {"migrate"}, conn)));
    assertEquals(0, run(concat(new String[] {"add-probe", "kz-shymkent-1", "--password-file", probePw.toString()},
        conn)));
    assertEquals(0, run(concat(new String[] {"add-probe", "kz-shymkent-1", "--password-file", probePw.toString()},
        conn)), "adding the same probe again sets its password again");
    assertEquals(0, run(concat(new String[] {"maintain", "--months-ahead", "4"}, conn)));
    try (Connection c = other.as("probe_kz-shymkent-1", "s3cret")) {
      insert(c, "cli-1", "kz-shymkent-1", Instant.now());
    }
    assertEquals(2, run(concat(new String[] {"add-probe", "Bad Id", "--password-file", probePw.toString()}, conn)));
    assertEquals(2, run(new String[] {"migrate", "--db", "mysql://x/y", "--user", "u"}));
    assertEquals(2, run(concat(new String[] {"add-probe", "kz-other", "--role", "probe_kz-shymkent-1",
        "--password-file", probePw.toString()}, conn)), "a role already writing as another probe is refused");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int run(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    System.out.println("central " + String.join(" ", args) + " -> " + rc + "\n" + out + err);
    return rc;
  }
}
