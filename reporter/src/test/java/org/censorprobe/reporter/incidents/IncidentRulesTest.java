package org.censorprobe.reporter.incidents;

import org.censorprobe.reporter.report.Report;
import static org.censorprobe.reporter.histories.HistoryWriter.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Technique;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.reporter.read.Status;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

  private static List<Incident> of(Report r, String platform) {
    return r.incidents().stream().filter(i -> i.platform().equals(platform)).toList();
  }

  @Test
  void anIncidentOpensAfterTwoFailingRoundsAndClosesAtTheFirstOfTwoOkRounds() {
    Report r = Fixtures.report("thresholds"); // ooBoooBBooooBBBoBoooo
    List<Incident> fb = of(r, "facebook");
    assertEquals(2, fb.size(), "the lone failure at round 2 is no incident");
    assertEquals(round(6), fb.get(0).start());
    assertEquals(round(8), fb.get(0).end());
    assertEquals(2, fb.get(0).failingRounds());
    assertEquals(Duration.ofMinutes(10), fb.get(0).duration());
    assertEquals(round(12), fb.get(1).start());
    assertEquals(round(17), fb.get(1).end(), "one ok round (15) between failures does not close it");
    assertEquals(4, fb.get(1).failingRounds());
    assertEquals(1, fb.get(1).okRoundsInside());
    assertEquals("I1", fb.get(0).id());
    assertEquals(Incident.BLOCKED, fb.get(0).classification());
    assertEquals(Method.TLS_SNI_FILTERED, fb.get(0).method());
    assertEquals("SNI filtering", fb.get(0).what());
  }

  @Test
  void thresholdsAreOptions() {
    Report three = Fixtures.report("thresholds", new DetectionSettings(3, 2, null));
    assertEquals(List.of(round(12)), of(three, "facebook").stream().map(Incident::start).toList());
    Report closeSlow = Fixtures.report("thresholds", new DetectionSettings(2, 5, null));
    // with five ok rounds needed, rounds 6..7 and 12..16 are one incident (8..11 is only four ok rounds), and
    // the four ok rounds at the end do not close it either
    List<Incident> fb = of(closeSlow, "facebook");
    assertEquals(1, fb.size());
    assertEquals(round(6), fb.get(0).start());
    assertTrue(fb.get(0).ongoing());
    assertEquals(round(16), fb.get(0).lastSeen());
    assertEquals(6, fb.get(0).failingRounds());
    assertEquals(5, fb.get(0).okRoundsInside());
  }

  @Test
  void flappingIsNoIncident() {
    Report r = Fixtures.report("flapping"); // oBoBoBoBoBo
    assertTrue(r.incidents().isEmpty());
    assertTrue(r.events().isEmpty());
    List<Band> bands = r.timelines().stream().filter(t -> t.platform().equals("facebook")).findFirst().orElseThrow().bands();
    assertEquals(11, bands.size(), "every round shows in the timeline");
  }

  @Test
  void withOneRoundToOpenAFlappingPlatformIsOneOngoingIncident() {
    Report r = Fixtures.report("flapping", new DetectionSettings(1, 2, null));
    List<Incident> fb = of(r, "facebook");
    assertEquals(1, fb.size());
    assertEquals(round(1), fb.get(0).start());
    assertTrue(fb.get(0).ongoing());
    assertNull(fb.get(0).end());
    assertEquals(round(9), fb.get(0).lastSeen());
    assertEquals(5, fb.get(0).failingRounds());
    assertEquals(4, fb.get(0).okRoundsInside());
    assertTrue(r.events().get(0).ongoing());
  }

  @Test
  void aGapIsNoDataNeitherOkNorBlocked() {
    Report r = Fixtures.report("gaps");
    assertTrue(of(r, "youtube").isEmpty());
    List<Band> yt = r.timelines().stream().filter(t -> t.platform().equals("youtube")).findFirst().orElseThrow().bands();
    assertEquals(List.of(Status.OK, Status.NO_DATA, Status.OK), yt.stream().map(Band::status).toList());
    assertEquals(round(10), yt.get(1).from(), "the last round before the gap lasts one usual interval");
    assertEquals(round(14), yt.get(1).to());
  }

  @Test
  void anIncidentSpanningAGapSaysSo() {
    Report r = Fixtures.report("gaps"); // facebook ooooooBB____BBoooo
    List<Incident> fb = of(r, "facebook");
    assertEquals(1, fb.size());
    assertEquals(round(6), fb.get(0).start());
    assertEquals(round(14), fb.get(0).end());
    assertTrue(fb.get(0).spansGap());
    assertEquals(List.of(new NoDataSpan(round(7), round(12))), fb.get(0).noData());
    assertEquals(4, fb.get(0).failingRounds());
  }

  @Test
  void aGapDoesNotBreakARunOfFailures() {
    Report r = Fixtures.report("gaps"); // vk ooooooB____Boooo
    List<Incident> vk = of(r, "vk");
    assertEquals(1, vk.size(), "failing, gap, failing: two failing rounds in a row");
    assertEquals(round(6), vk.get(0).start());
    assertEquals(round(12), vk.get(0).end());
    assertEquals(List.of(new NoDataSpan(round(6), round(11))), vk.get(0).noData());
  }

  @Test
  void aFixedGapOptionOverridesTheMedian() {
    Report r = Fixtures.report("gaps", new DetectionSettings(2, 2, Duration.ofHours(1)));
    assertFalse(of(r, "facebook").get(0).spansGap(), "25 minutes of silence is no gap when the gap is an hour");
  }

  @Test
  void overlappingIncidentsOfOneTechniqueAreOneEvent() {
    Report r = Fixtures.report("event");
    assertEquals(5, r.incidents().size());
    assertEquals(3, r.events().size());
    Event sni = r.events().get(0);
    assertEquals(Technique.SNI_FILTERING, sni.key().technique());
    assertEquals(List.of("Facebook", "Youtube", "Instagram"), sni.platforms());
    assertEquals(round(3), sni.start());
    assertEquals(round(12), sni.end());
    assertEquals(Incident.BLOCKED, sni.classification());
    assertEquals(List.of("Telegram", "Twitter"), sni.stayedReachable(), "vk had its own incident meanwhile");
    assertTrue(sni.controlsHealthy());
    assertEquals("Facebook, Youtube and Instagram blocked by SNI filtering from 2026-11-20 06:15 to 07:00 UTC on "
        + "Kcell (AS29355) while Telegram and Twitter stayed reachable and the controls were healthy.", sni.headline());
    Event dns = r.events().get(1);
    assertEquals(Technique.DNS_TAMPERING, dns.key().technique());
    assertEquals(List.of("Vk"), dns.platforms());
    Event blockpage = r.events().get(2);
    assertEquals(Technique.BLOCKPAGE, blockpage.key().technique());
    assertEquals(List.of("Telegram"), blockpage.platforms());
  }

  @Test
  void incidentsCarryEvidenceAndControls() {
    Report r = Fixtures.report("event");
    Incident fb = of(r, "facebook").get(0);
    assertEquals(List.of(new Count("tls.sni_filtered", 16)), fb.methods());
    assertEquals(List.of(new Count("https://m.facebook.com/", 8), new Count("https://www.facebook.com/", 8)),
        fb.endpoints());
    assertEquals(Confidence.HIGH, fb.confidence());
    assertTrue(fb.controls().healthy());
    assertEquals(8, fb.controls().rounds());
    assertEquals(2, fb.evidence().size(), "one sample per endpoint and method");
    // rows of one millisecond come in RowOrder (endpoint bytes), as every source gives them: m. before www.
    assertEquals(List.of("https://m.facebook.com/", "https://www.facebook.com/"),
        fb.evidence().stream().map(EvidenceSample::endpoint).toList());
    EvidenceSample s = fb.evidence().get(1);
    assertTrue(s.sentence().startsWith("Blocked (SNI filtering)"), s.sentence());
    Fact.SniSwap swap = s.facts().stream().filter(f -> f instanceof Fact.SniSwap).map(f -> (Fact.SniSwap) f)
        .findFirst().orElseThrow();
    assertTrue(swap.worked());
    assertEquals("example.org", swap.serverName());
    Incident vk = of(r, "vk").get(0);
    Fact.BogonAnswers bogons = vk.evidence().get(0).facts().stream().filter(f -> f instanceof Fact.BogonAnswers)
        .map(f -> (Fact.BogonAnswers) f).findFirst().orElseThrow();
    assertEquals("10.10.34.35", bogons.addresses().get(0).toString());
    Incident tg = of(r, "telegram").get(0);
    assertTrue(tg.evidence().get(0).facts().stream().anyMatch(f -> f instanceof Fact.HttpResponse h
        && h.title().contains("<script>")), "titles are kept verbatim, escaped on output");
  }

  @Test
  void aNetworkWideOutageIsOneEventNotPlatformIncidents() {
    Report r = Fixtures.report("outage");
    assertEquals(1, r.incidents().size());
    Incident outage = r.incidents().get(0);
    assertEquals(Incident.KIND_NETWORK_OUTAGE, outage.kind());
    assertEquals(round(5), outage.start());
    assertEquals(round(10), outage.end());
    assertEquals(5, outage.failingRounds());
    assertFalse(outage.controls().healthy());
    assertEquals(1, r.events().size());
    assertEquals(Event.KIND_NETWORK_OUTAGE, r.events().get(0).kind());
    assertEquals("Network outage on Kcell (AS29355): nothing answered, the controls included, from 2026-11-20 06:25 to"
        + " 06:50 UTC.", r.events().get(0).headline());
  }

  @Test
  void blockedAndTechnicalRoundsMakeAMixedIncidentWithTheSplit() {
    Report r = Fixtures.report("mixed"); // ooBBTTBBToooo
    List<Incident> fb = of(r, "facebook");
    assertEquals(1, fb.size());
    assertEquals(Incident.MIXED, fb.get(0).classification());
    assertEquals(Map.of("blocked", 4, "technical", 3, "inconclusive", 0), fb.get(0).split());
    assertEquals(round(2), fb.get(0).start());
    assertEquals(round(9), fb.get(0).end());
    assertEquals(List.of(new Count("tls.sni_filtered", 8), new Count("target.down", 6)), fb.get(0).methods());
  }

  @Test
  void anEventSeenOnSeveralProbesListsTheirNetworks() {
    Report r = Fixtures.report("probes");
    assertEquals(2, r.probes().size());
    assertEquals(2, r.incidents().size());
    assertEquals(1, r.events().size());
    Event e = r.events().get(0);
    assertEquals(List.of("kcell-1", "beeline-1"), e.networks().stream().map(n -> n.probe().id()).toList());
    assertEquals(List.of(29355L, 21299L), e.networks().stream().map(n -> n.probe().asn()).toList());
    assertEquals(round(4), e.start());
    assertEquals(round(12), e.end());
    assertEquals(round(10), e.networks().get(0).end());
    assertEquals(List.of("Twitter"), e.stayedReachable());
    assertTrue(e.headline().contains("on Kcell (AS29355) and Beeline (AS21299)"), e.headline());
  }
}
