package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.schedule.Daemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in this JVM: its world, its censor and the real daemon (rounds, classifier, SQLite store,
 * metrics, status page), one act of the censor per round. The story is told once; each test reads what it left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIntegrationTest {
  private Demo demo;
  private final StringWriter out = new StringWriter();

  /** The verdict each platform must have in round {@code i} (0-based) of a one-act-per-round story. */
  private static Expected expected(String platform, int round) {
    return switch (platform) {
      case "videoland" -> round >= 1 ? new Expected(Verdict.BLOCKED, Method.DNS_NXDOMAIN) : Expected.OK;
      case "chatter" -> round >= 2 ? new Expected(Verdict.BLOCKED, Method.TLS_SNI_FILTERED) : Expected.OK;
      case "newswire" -> round >= 3 ? new Expected(Verdict.BLOCKED, Method.HTTP_BLOCKPAGE) : Expected.OK;
      case "photobook" -> round >= 4 ? new Expected(Verdict.TECHNICAL, Method.TARGET_DOWN) : Expected.OK;
      default -> Expected.OK; // mapmaker, the controls and the resolvers: the censor never touches them
    };
  }

  private record Expected(Verdict verdict, Method method) {
    static final Expected OK = new Expected(Verdict.OK, null);
  }

  @BeforeAll
  void tellTheStory(@TempDir Path dir) throws Exception {
    demo = DemoRuns.start(dir, out);
    DemoRuns.awaitRounds(demo, demo.world().storyLength() + 1);
  }

  @AfterAll
  void stop() throws Exception {
    if (demo != null) demo.stop(java.time.Duration.ofSeconds(30));
  }

  @Test
  void everyRoundHasTheVerdictsTheCensorsActsCallForAndNothingElseIsEverBlocked() {
    List<List<Measurement>> rounds = DemoRuns.rounds(demo.store());
    assertTrue(rounds.size() >= demo.world().storyLength() + 1, rounds.size() + " rounds stored");
    for (int i = 0; i < rounds.size(); i++) {
      List<String> platformsSeen = new ArrayList<>();
      for (Measurement m : rounds.get(i)) {
        Expected want = expected(m.platform(), i);
        String where = "round " + i + ", " + m.platform() + " " + m.endpoint() + ": " + m.judgement().interpretation();
        assertEquals(want.verdict(), m.judgement().verdict(), where);
        assertEquals(want.method(), m.judgement().method(), where);
        if (m.role() == Role.PLATFORM) {
          platformsSeen.add(m.platform());
          var rollup = m.judgement().platform().interpretation();
          assertEquals(want.verdict(), rollup.verdict(), "roll-up, " + where);
          assertEquals(want.method(), rollup.method(), "roll-up, " + where);
        }
      }
      assertEquals(List.of("videoland", "chatter", "newswire", "photobook", "mapmaker").stream().sorted().toList(),
          platformsSeen.stream().sorted().toList(), "round " + i + " measured every platform");
    }
  }

  @Test
  void theBlockedVerdictsRestOnTheEvidenceTheCensorLeft() {
    List<List<Measurement>> rounds = DemoRuns.rounds(demo.store());
    Map<String, String> evidence = new HashMap<>();
    for (Measurement m : rounds.get(rounds.size() - 1)) evidence.put(m.platform(), m.judgement().interpretation().evidence());
    assertTrue(evidence.get("videoland").contains("NXDOMAIN"), evidence.get("videoland"));
    assertTrue(evidence.get("chatter").contains(DemoWorld.NEUTRAL_SNI), "the SNI swap passed: " + evidence.get("chatter"));
    assertTrue(evidence.get("newswire").contains(DemoWorld.FINGERPRINT_ID), evidence.get("newswire"));
    assertTrue(evidence.get("photobook").contains("remote vantage"), "the remote vantage failed too: "
        + evidence.get("photobook"));
  }

  @Test
  void nothingTheEngineAskedAnsweredOrDialledWasBeyondLoopback() {
    List<Measurement> all = DemoRuns.rounds(demo.store()).stream().flatMap(List::stream).toList();
    assertEquals(List.of(), LoopbackAudit.violations(all));
    assertNull(demo.violation(), "the audit never stopped the demo");

    // The resolvers asked were the demo's: its ISP resolver as "system" (never /etc/resolv.conf) and its control
    // resolver; and both saw the queries.
    String controlResolver = "udp://" + DemoWorld.hostPort(demo.world().controlResolverAddress());
    for (Measurement m : all) {
      if (m.role() == Role.RESOLVER) continue;
      EndpointObservations o = m.observations();
      for (DnsObservation d : o.dns()) assertEquals("system", d.resolver());
      for (DnsObservation d : o.controlDns()) assertEquals(controlResolver, d.resolver());
    }
    demo.world().resolverQueries().forEach((name, n) -> assertTrue(n > 0, name + " resolver answered queries"));

    // Every connection the engine recorded as made landed on one of the world's servers, which counted it.
    Map<IpPort, Long> made = new HashMap<>();
    for (Measurement m : all) {
      if (m.role() == Role.RESOLVER) continue;
      for (TcpObservation t : m.observations().tcp()) {
        if (t.ok()) made.merge(t.target(), 1L, Long::sum);
      }
    }
    Map<IpPort, Long> accepted = new HashMap<>();
    demo.world().siteAddresses().forEach((site, a) -> accepted.put(new IpPort(IpAddress.of(a.getAddress()), a.getPort()), demo.world().connections().get(site.host())));
    assertFalse(made.isEmpty());
    made.forEach((target, n) -> {
      assertTrue(accepted.containsKey(target), target + " is one of the world's servers");
      assertTrue(accepted.get(target) >= n, target + ": " + n + " connects recorded, " + accepted.get(target) + " accepted");
    });
  }

  @Test
  void theMetricsAndTheStatusPageShowTheWorldAsTheCensorLeftIt() throws Exception {
    String metrics = DemoRuns.get(demo.page().resolve("/metrics")).body();
    assertTrue(metrics.contains("censorprobe_platform_verdict{platform=\"videoland\",verdict=\"blocked\"} 1.0"), metrics);
    assertTrue(metrics.contains("censorprobe_platform_verdict{platform=\"photobook\",verdict=\"technical\"} 1.0"), metrics);
    assertTrue(metrics.contains("censorprobe_platform_verdict{platform=\"mapmaker\",verdict=\"ok\"} 1.0"), metrics);
    assertTrue(metrics.contains("censorprobe_local_network_up 1.0"), metrics);

    String page = DemoRuns.get(demo.page()).body();
    assertTrue(page.contains("<span class=\"probe-id\">demo</span>"), page);
    assertTrue(page.contains("AS64512"), page);
    assertTrue(page.contains("<tr class=\"v-blocked\" data-platform=\"videoland\">"), page);
    assertTrue(page.contains("<tr class=\"v-technical\" data-platform=\"photobook\">"), page);
    assertTrue(page.contains("<tr class=\"v-ok\" data-platform=\"mapmaker\">"), page);
    assertTrue(page.contains(Method.DNS_NXDOMAIN.describe(Verdict.BLOCKED)), page);
    assertTrue(page.contains(Method.TARGET_DOWN.describe(Verdict.TECHNICAL)), page);
  }

  @Test
  void aReloadThatWouldReachBeyondLoopbackIsRefusedShownAndThenFixed() throws Exception {
    Path config = demo.world().configFile();
    String good = Files.readString(config, StandardCharsets.UTF_8);
    try {
      Files.writeString(config, good + "resolvers: [ udp://9.9.9.9:53 ]\n", StandardCharsets.UTF_8);
      assertEquals(Daemon.Reload.REFUSED, demo.daemon().reload());
      String page = DemoRuns.get(demo.page()).body();
      assertTrue(page.contains("Config reload refused"), page);
      assertTrue(page.contains("resolvers: udp://9.9.9.9:53 is not on a loopback address"), page);
      assertFalse(demo.daemon().config().resolvers().stream().anyMatch(r -> r.label().contains("9.9.9.9")),
          "the running config went on");
    } finally {
      Files.writeString(config, good, StandardCharsets.UTF_8);
    }
    assertEquals(Daemon.Reload.LOADED, demo.daemon().reload());
    assertFalse(DemoRuns.get(demo.page()).body().contains("Config reload refused"));
  }

  @Test
  void theDemoSaysWhatItDoes() {
    String said = out.toString();
    assertTrue(said.contains("censor: the ISP resolver now answers NXDOMAIN for www.videoland.test"), said);
    assertTrue(said.contains("world: Photobook's server at 127."), said);
    assertTrue(said.contains("demo: the story is told"), said);
    assertNotNull(demo.store());
  }
}
