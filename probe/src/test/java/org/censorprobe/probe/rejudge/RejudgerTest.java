package org.censorprobe.probe.rejudge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-judging a store: three real rounds measured on loopback (everything reachable), stored as an older, buggy
 * classifier had judged them (every platform "blocked dns.failure", the false verdict of issue 11), then judged
 * again by the current classifier.
 */
@Timeout(120)
class RejudgerTest {
  static final ClassifierVersion OLD = new ClassifierVersion("1.0.0", LocalDate.parse("2026-11-21"));

  static DnsTestServer dns;
  static WireMockServer web;
  /** Three rounds, oldest first, as the current classifier judged them. */
  static final List<List<Measurement>> ROUNDS = new ArrayList<>();

  @TempDir Path dir;
  Path file;

  /** Measures the three rounds once per JVM (the kill test shares them). */
  @BeforeAll
  static synchronized void measure() throws Exception {
    if (!ROUNDS.isEmpty()) return;
    Path shared = Files.createTempDirectory("rejudge");
    web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    web.start();
    web.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<title>page</title>")));
    dns = DnsTestServer.start();
    for (String name : List.of("control.test", "web.test", "chat.test")) dns.address(name, "127.0.0.1");
    Path config = shared.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: rejudge-1, country: KZ, network: Loopback Telecom, asn: 64500}
        timeouts: {dns: 1s, tcp: 1s, tls: 1s, http: 2s}
        control:
          resolver: %s
          targets: [ "http://control.test:%d/" ]
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          web: {endpoints: [ "http://web.test:%d/" ]}
          chat: {endpoints: [ "http://chat.test:%d/" ]}
        """.formatted(dns.udpUri(), web.port(), web.port(), web.port()));
    try {
      for (int i = 0; i < 3; i++) ROUNDS.add(Rounds.run(config, List.of(dns.socketAddress())));
    } finally {
      web.stop();
      dns.close();
      Files.deleteIfExists(config);
      Files.deleteIfExists(shared);
    }
  }

  /** What the buggy classifier wrote: every platform blocked by DNS, low confidence, no resolver records. */
  static Measurement asOldClassifierJudged(Measurement m) {
    if (m.role() != Role.PLATFORM) return m;
    Interpretation wrong = new Interpretation(Verdict.BLOCKED, Method.DNS_FAILURE, Confidence.LOW,
        "Blocked: DNS lookup failed.", List.of());
    return m.withJudgement(new Judgement(wrong, null, m.judgement().round(), OLD, m.measuredAt()));
  }

  @BeforeEach
  void storeAsJudgedByTheOldClassifier() {
    file = dir.resolve("store.db");
    try (MeasurementStore s = MeasurementStore.open(file)) {
      for (List<Measurement> round : ROUNDS) {
        s.storeRound(round.stream().filter(m -> m.role() != Role.RESOLVER).map(RejudgerTest::asOldClassifierJudged)
            .toList());
      }
    }
  }

  static RejudgeSummary rejudge(Path file, Scope scope, boolean write, List<Change> changes) {
    Classifier c = new Classifier(ClassifierSettings.DEFAULTS, Fingerprints.load(ClassifierSettings.DEFAULTS));
    try (MeasurementStore s = MeasurementStore.open(file)) {
      return new Rejudger(c, Clock.systemUTC()).run(s, scope, write, changes::add);
    }
  }

  static Scope everything() {
    return new Scope(Instant.EPOCH, Instant.now().plusSeconds(60), null);
  }

  /** id -> (verdict column, revision, classifier column, record) */
  Map<String, Row> rows() throws Exception {
    Map<String, Row> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT id, verdict, method, revision, classifier, record FROM measurements"
             + " ORDER BY rowid")) {
      while (r.next()) {
        Measurement m;
        try {
          m = MeasurementCodec.read(r.getString(6));
        } catch (org.censorprobe.format.json.RecordFormatException e) {
          m = null; // the test that breaks a record on purpose
        }
        out.put(r.getString(1), new Row(r.getString(2), r.getString(3), r.getInt(4), r.getString(5), m));
      }
    }
    return out;
  }

  record Row(String verdict, String method, int revision, String classifier, Measurement record) {}

  @Test
  @DisplayName("a dry run lists every false verdict the current classifier corrects, and writes nothing")
  void dryRun() throws Exception {
    Map<String, Row> before = rows();
    List<Change> changes = new ArrayList<>();
    RejudgeSummary s = rejudge(file, everything(), false, changes);

    assertEquals(3, s.roundsJudged());
    Transition fix = new Transition(Verdict.BLOCKED, Method.DNS_FAILURE, Verdict.OK, null);
    assertEquals(Map.of(fix, 6L), s.transitions(), "two platforms in three rounds: " + s);
    assertEquals(6, changes.size());
    assertTrue(changes.stream().allMatch(Change::verdictChanged));
    assertEquals(0, s.written());
    assertEquals(before, rows(), "a dry run writes nothing");
  }

  @Test
  @DisplayName("written: the new judgement is current, the old one kept in 'previous', the revision goes up")
  void writesKeepingThePreviousJudgement() throws Exception {
    RejudgeSummary s = rejudge(file, everything(), true, new ArrayList<>());
    Map<String, Row> after = rows();

    long platformRows = after.values().stream().filter(r -> r.record().role() == Role.PLATFORM).count();
    assertEquals(6, platformRows);
    for (Row r : after.values()) {
      if (r.record().role() != Role.PLATFORM) continue;
      assertEquals("ok", r.verdict(), r.toString());
      assertNull(r.method());
      assertEquals(1, r.revision(), "re-judged once: delivered again");
      assertEquals(Classifier.VERSION.toString(), r.classifier());
      assertEquals(Verdict.OK, r.record().judgement().verdict());
      assertEquals(Classifier.VERSION, r.record().judgement().classifier());
      assertEquals(1, r.record().previous().size());
      Judgement old = r.record().previous().get(0);
      assertEquals(Verdict.BLOCKED, old.verdict());
      assertEquals(Method.DNS_FAILURE, old.method());
      assertEquals(OLD, old.classifier(), "the earlier judgement keeps the version that made it");
    }
    assertEquals(s.written(), 6 + s.restated() + s.added());
    assertTrue(s.added() > 0, "the resolver records classifier 2 makes are added: " + s);
    assertTrue(after.values().stream().anyMatch(r -> r.record().role() == Role.RESOLVER));
  }

  @Test
  @DisplayName("judging again changes nothing: a run that was stopped can simply be run again")
  void idempotent() throws Exception {
    rejudge(file, everything(), true, new ArrayList<>());
    Map<String, Row> once = rows();
    List<Change> changes = new ArrayList<>();
    RejudgeSummary again = rejudge(file, everything(), true, changes);
    assertEquals(List.of(), changes);
    assertEquals(0, again.written());
    assertEquals(0, again.added());
    assertEquals(once, rows());
  }

  @Test
  @DisplayName("--platform: only that platform's records are written, though every record is judged")
  void onePlatform() throws Exception {
    RejudgeSummary s = rejudge(file, new Scope(Instant.EPOCH, Instant.now().plusSeconds(60), "chat"), true,
        new ArrayList<>());
    assertEquals(3, s.verdictsChanged());
    for (Row r : rows().values()) {
      String p = r.record().platform();
      if (p.equals("chat")) assertEquals("ok", r.verdict());
      if (p.equals("web")) assertEquals("blocked", r.verdict(), "out of scope: left as stored");
    }
    assertEquals(0, s.added(), "resolver records are out of a platform's scope");
  }

  @Test
  @DisplayName("--from: earlier rounds are judged (their history counts) but only later ones are written")
  void fromTime() throws Exception {
    Instant thirdRound = ROUNDS.get(2).stream().map(Measurement::measuredAt).min(Instant::compareTo).orElseThrow()
        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the store keeps milliseconds
    RejudgeSummary s = rejudge(file, new Scope(thirdRound, Instant.now().plusSeconds(60), null), true,
        new ArrayList<>());
    assertEquals(3, s.roundsJudged());
    assertEquals(2, s.verdictsChanged());
    String third = ROUNDS.get(2).get(0).roundId();
    for (Row r : rows().values()) {
      if (r.record().role() != Role.PLATFORM) continue;
      assertEquals(r.record().roundId().equals(third) ? "ok" : "blocked", r.verdict(), r.record().roundId());
    }
  }

  @Test
  @DisplayName("a row re-judged by another process meanwhile is left alone")
  void concurrentRejudgementWins() throws Exception {
    List<Change> changes = new ArrayList<>();
    Classifier c = new Classifier(ClassifierSettings.DEFAULTS, Fingerprints.load(ClassifierSettings.DEFAULTS));
    String raced;
    try (MeasurementStore s = MeasurementStore.open(file)) {
      Measurement first = ROUNDS.get(0).stream().filter(m -> m.role() == Role.PLATFORM).findFirst().orElseThrow();
      raced = first.id();
      // Another writer bumps the row's revision after this run has read the round and before it writes it.
      RejudgeSummary sum = new Rejudger(c, Clock.systemUTC()).run(s, everything(), true, ch -> {
        changes.add(ch);
        if (ch.stored().id().equals(raced)) bumpRevision(raced);
      });
      assertEquals(6, sum.verdictsChanged());
      assertEquals(5 + sum.restated() + sum.added(), sum.written(), "the raced row is not counted as written");
    }
    Row r = rows().get(raced);
    assertEquals("blocked", r.verdict(), "the other writer's revision stands");
    assertEquals(1, r.revision());
  }

  void bumpRevision(String id) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.executeUpdate("UPDATE measurements SET revision = revision + 1 WHERE id = '" + id + "'");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("a round with an unreadable record is left as it was, and said so")
  void unreadableRound() throws Exception {
    String round = ROUNDS.get(1).get(0).roundId();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE measurements SET record = '{\"schema\": 2}' WHERE round_id = '" + round
          + "' AND role = 'control'");
    }
    RejudgeSummary s = rejudge(file, everything(), true, new ArrayList<>());
    assertEquals(1, s.unreadableRounds().size());
    assertTrue(s.unreadableRounds().get(0).contains(round), s.unreadableRounds().get(0));
    assertEquals(4, s.verdictsChanged(), "the other two rounds");
    for (Row r : rows().values()) {
      if (r.record() != null && round.equals(r.record().roundId()) && r.record().role() == Role.PLATFORM) {
        assertEquals("blocked", r.verdict());
      }
    }
  }
}
