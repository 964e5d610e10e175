package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.store.PlatformRound;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  private static final Instant NOW = Instant.parse("2026-11-22T14:10:00Z");

  private static ProbeMetrics metrics() {
    ProbeMetrics m = new ProbeMetrics("1.2.3");
    ProbeConfig c = TestMeasurements.config(Path.of("/etc/censorprobe/targets.yaml"),
        List.of(TestMeasurements.platformConfig("youtube", null, "tcp://127.0.0.1:1"),
            TestMeasurements.platformConfig("facebook", null, "tcp://127.0.0.1:2")), List.of("tcp://127.0.0.1:3"));
    c = new ProbeConfig(c.source(), new ProbeIdentity("kz-almaty-1", "KZ", "Kazakhtelecom", 9198), c.timeouts(),
        c.schedule(), c.resolvers(), c.control(), c.tlsTrust(), c.notBogons(), c.limits(), c.classifier(), c.store(),
        c.platforms());
    m.retain(c);
    m.configLoaded(NOW.minus(Duration.ofMinutes(30)));
    return m;
  }

  private static String page(ProbeMetrics m) {
    return StatusPage.render(m.board().snapshot(), "1.2.3", NOW);
  }

  @Test
  void theHeaderSaysWhoTheProbeIsAndWhenItLastMeasuredInUtcAndAgo() {
    ProbeMetrics m = metrics();
    m.recordRound(TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.OK,
        NOW.minus(Duration.ofMinutes(3))));
    String p = page(m);
    assertTrue(p.contains("<span class=\"probe-id\">kz-almaty-1</span>"), p);
    assertTrue(p.contains("Kazakhtelecom · AS9198 · country KZ"), p);
    assertTrue(p.contains("Last round: <time datetime=\"2026-11-22T14:07:00Z\">2026-11-22 14:07:00 UTC</time> (3 min ago)"), p);
    assertTrue(p.contains("Config /etc/censorprobe/targets.yaml loaded <time datetime=\"2026-11-22T13:40:00Z\">"), p);
    assertTrue(p.contains("<meta http-equiv=\"refresh\" content=\"15\">"), p);
    assertFalse(p.contains("<script"), "no script: the refresh is a meta refresh");
    assertFalse(p.contains("T14:07:00.000000000"), "no raw instants in the text");
  }

  @Test
  void verdictsAreNamedByTheirMethodsWordsAndEvidenceStaysText() {
    ProbeMetrics m = metrics();
    List<Measurement> round = new ArrayList<>();
    round.add(TestMeasurements.platform("r1", "youtube", "tcp://127.0.0.1:1", Verdict.BLOCKED, Method.TLS_SNI_FILTERED, NOW));
    round.add(TestMeasurements.platform("r1", "facebook", "tcp://127.0.0.1:2", Verdict.INCONCLUSIVE, Method.TCP_REFUSED, NOW));
    m.recordRound(round);
    String p = page(m);
    assertTrue(p.contains("<span class=\"badge blocked\">blocked</span> SNI filtering"), p);
    // An inconclusive refusal is the symptom, never the technique ("IP blocking").
    assertTrue(p.contains("<span class=\"badge inconclusive\">inconclusive</span> TCP connections refused"), p);
    assertFalse(p.contains("IP blocking"), p);
    assertTrue(p.contains("evidence &lt;blocked&gt;"), p);
    assertFalse(p.contains("<blocked>"), p);
    assertTrue(p.contains("<title>censorprobe kz-almaty-1: 1 blocked, 1 inconclusive</title>"), p);
    assertTrue(p.indexOf("data-platform=\"youtube\"") < p.indexOf("data-platform=\"facebook\""),
        "rows in the config's order, whatever their verdicts");
  }

  @Test
  void theStripHasOneMarkPerRoundOfTheLast24HoursFromTheStoreAndThenFromRounds() {
    ProbeMetrics m = metrics();
    m.board().seed(List.of(
        new PlatformRound("old", NOW.minus(Duration.ofHours(25)), "youtube", "YouTube", Verdict.BLOCKED, Method.DNS_NXDOMAIN),
        new PlatformRound("s1", NOW.minus(Duration.ofHours(2)), "youtube", "YouTube", Verdict.OK, null),
        new PlatformRound("s2", NOW.minus(Duration.ofHours(1)), "youtube", "YouTube", Verdict.TECHNICAL, Method.TARGET_DOWN)));
    m.recordRound(TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.BLOCKED, NOW));
    String p = page(m);
    assertEquals(List.of("ok", "technical", "blocked"), marks(p, "youtube"));
    assertTrue(p.contains("title=\"2026-11-22 13:10:00 UTC: technical (the platform's server was down)\""), p);
    assertTrue(p.contains("3 rounds since 12:10 UTC"), p);
    assertTrue(p.contains("aria-label=\"3 rounds in the last 24 hours: 1 blocked, 1 technical, 1 ok\""), p);
  }

  @Test
  void aRefusedReloadIsShownWithItsProblemsUntilAConfigLoads() {
    ProbeMetrics m = metrics();
    m.configRefused(NOW.minus(Duration.ofMinutes(2)), List.of("targets.yaml:7: timeouts.dns '5 s' is not a duration",
        "targets.yaml:9: unknown key 'platfroms' (did you mean 'platforms'?)"));
    String p = page(m);
    assertTrue(p.contains("<section class=\"refused\" role=\"alert\"><h2>Config reload refused</h2>"), p);
    assertTrue(p.contains("with these 2 problems; the probe goes on measuring with the config loaded"), p);
    assertTrue(p.contains("<code>targets.yaml:9: unknown key 'platfroms' (did you mean 'platforms'?)</code>"), p);
    m.configLoaded(NOW);
    assertFalse(page(m).contains("Config reload refused"));
  }

  @Test
  void theLocalNetworkIsSaidInWordsWithTheControlsCounted() {
    ProbeMetrics m = metrics();
    m.recordRound(List.of(TestMeasurements.control("r1", "tcp://127.0.0.1:3", true, NOW)));
    assertTrue(page(m).contains("local network up (1 of 1 control reachable)"), page(m));
    m.recordRound(List.of(TestMeasurements.control("r2", "tcp://127.0.0.1:3", false, NOW)));
    assertTrue(page(m).contains("local network down (nothing answering) (0 of 1 control reachable)"), page(m));
    assertFalse(page(m).contains("gateway_cut"));
  }

  @Test
  void beforeAnyRoundThePageSaysSo() {
    String p = page(metrics());
    assertTrue(p.contains("Last round: none yet"), p);
    assertTrue(p.contains("No platform measured yet."), p);
  }

  /** The classes of a platform row's strip marks, left to right. */
  static List<String> marks(String page, String platform) {
    int row = page.indexOf("data-platform=\"" + platform + "\"");
    String strip = page.substring(page.indexOf("<div class=\"strip\"", row), page.indexOf("</div>", row));
    Matcher m = Pattern.compile("<i class=\"([a-z]+)\"").matcher(strip);
    List<String> out = new ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
