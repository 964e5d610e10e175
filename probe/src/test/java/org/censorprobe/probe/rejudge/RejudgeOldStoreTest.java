package org.censorprobe.probe.rejudge;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The store the first landing's probe wrote in the lab while the censor dropped one extra resolver (store/README.md):
 * 21 false "blocked dns.timeout". {@code probe reclassify} migrates it and corrects every one, keeping the old
 * judgement in each record.
 */
class RejudgeOldStoreTest {
  @TempDir Path dir;
  Path store;
  Path config;

  @BeforeEach
  void copyTheFixture() throws Exception {
    store = dir.resolve("v1.db");
    try (InputStream in = getClass().getResourceAsStream("/store/v1-lab-extra-resolver-dropped.db")) {
      Files.copy(in, store);
    }
    // The lab's settings that matter to the classifier (its fingerprint and trust files are not needed here).
    config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: lab-client}
        classifier: {throttle_ratio: 5, throttle_floor: 2s, throttle_rounds: 1}
        platforms:
          facebook: {endpoints: [ "https://www.facebook.com/" ]}
        """);
  }

  String reclassify(String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of("reclassify", "--store", store.toString(), "--config",
        config.toString()));
    args.addAll(List.of(extra));
    int rc = cl.execute(args.toArray(String[]::new));
    assertEquals(0, rc, out + "\n" + err);
    return out.toString();
  }

  List<Measurement> records(String where) throws Exception {
    List<Measurement> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT record FROM measurements WHERE " + where + " ORDER BY rowid")) {
      while (r.next()) out.add(MeasurementCodec.read(r.getString(1)));
    }
    return out;
  }

  long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement();
         ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : -1;
    }
  }

  @Test
  @DisplayName("a dry run names the 21 false verdicts and leaves the store's rows as they were")
  void dryRun() throws Exception {
    String out = reclassify("--dry-run");
    assertTrue(out.matches("(?s).*\\s21\\s+blocked dns\\.timeout -> ok\\n.*"), out);
    assertTrue(out.contains("dry run: nothing written"), out);
    assertEquals(21, count("SELECT COUNT(*) FROM measurements WHERE verdict = 'blocked'"));
  }

  @Test
  @DisplayName("written: no false blocked is left, each record keeps the old judgement, resolvers get their own")
  void correctsTheStore() throws Exception {
    List<Measurement> wronged = records("verdict = 'blocked'");
    assertEquals(21, wronged.size());
    reclassify();

    assertEquals(3, count("PRAGMA user_version"), "migrated to the current schema");
    assertEquals(0, count("SELECT COUNT(*) FROM measurements WHERE verdict = 'blocked' AND role <> 'resolver'"));
    for (Measurement before : wronged) {
      Measurement after = records("id = '" + before.id() + "'").get(0);
      assertEquals(Verdict.OK, after.judgement().verdict(), after.judgement().interpretation().evidence());
      assertEquals(1, after.previous().size());
      Judgement old = after.previous().get(0);
      assertEquals(Verdict.BLOCKED, old.verdict());
      assertEquals(Method.DNS_TIMEOUT, old.method());
      assertEquals(before.steps(), after.steps(), "the observations are never touched");
    }
    // What the lab expects of scenario 33 today: the dropped resolver is its own, inconclusive, finding.
    Measurement extra1 = records("role = 'resolver' AND endpoint = 'udp://198.19.53.61:53'").get(0);
    assertEquals(Role.RESOLVER, extra1.role());
    assertEquals(Verdict.INCONCLUSIVE, extra1.judgement().verdict());
    assertEquals(Method.DNS_RESOLVER_UNREACHABLE, extra1.judgement().method());
    assertEquals(0, count("SELECT COUNT(*) FROM measurements WHERE role = 'resolver' AND verdict = 'blocked'"));
  }
}
