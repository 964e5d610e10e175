package org.censorprobe.reporter.fleet;

import static org.censorprobe.reporter.histories.HistoryWriter.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.report.Report;
import org.junit.jupiter.api.Test;

/** The fleet view of five networks at the same moments (histories/fleet.jsonl, judged by the real classifier). */
class FleetViewTest {
  private final Report report = Fixtures.report("fleet");

  private static Map<String, NetworkStance> byProbe(FleetEvent.PlatformStances p) {
    return p.networks().stream().collect(Collectors.toMap(s -> s.network().id(), Function.identity()));
  }

  @Test
  void oneEventNamesWhichNetworkBlockedWhatWhenAndWhoMeasuredItOk() {
    FleetView f = report.fleet();
    assertEquals(1, f.events().size(), f.events().toString());
    FleetEvent e = f.events().get(0);
    assertEquals("Facebook and Youtube blocked on Beeline (AS21299) by DNS tampering from 2026-11-20 06:25 to 07:00"
        + " UTC and on Kazakhtelecom (AS9198) by SNI filtering from 2026-11-20 06:20 to 07:00 UTC; reachable on Kcell"
        + " (AS29355) at the same time; no data from Altel (AS50482); Tele2 (AS48503): not counted, its own network"
        + " failed (its controls did); the controls were healthy on all 3 networks.", e.headline());
    assertEquals(round(4), e.start());
    assertEquals(round(12), e.end());
    assertEquals(List.of("Facebook", "Youtube"), e.platforms().stream().map(FleetEvent.PlatformStances::platformName)
        .toList());
  }

  @Test
  void eachNetworkStandsOnItsOwnVerdictsWithItsControls() {
    FleetEvent.PlatformStances facebook = report.fleet().events().get(0).platforms().get(0);
    Map<String, NetworkStance> s = byProbe(facebook);
    assertEquals(NetworkStance.Kind.BLOCKED, s.get("kaztel-1").kind());
    assertEquals("blocked by SNI filtering", s.get("kaztel-1").what());
    assertEquals(8, s.get("kaztel-1").failingRounds());
    assertTrue(s.get("kaztel-1").controls().healthy());
    assertEquals(NetworkStance.Kind.BLOCKED, s.get("beeline-1").kind());
    assertEquals("blocked by DNS tampering", s.get("beeline-1").what());
    assertEquals(round(5), s.get("beeline-1").from());
    assertEquals(NetworkStance.Kind.REACHABLE, s.get("kcell-1").kind());
    assertEquals(8, s.get("kcell-1").okRounds(), "every round of the window, 06:20 to 07:00");
    assertTrue(s.get("kcell-1").controls().healthy());
    assertEquals(8, s.get("kcell-1").controls().rounds());
    assertEquals(NetworkStance.Kind.CONTROLS_FAILED, s.get("tele2-1").kind());
    assertTrue(!s.get("tele2-1").controls().healthy());
    assertEquals(NetworkStance.Kind.NO_DATA, s.get("altel-1").kind());
    for (String id : s.get("kaztel-1").incidentIds()) {
      var i = report.incidents().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
      assertEquals("kaztel-1", i.probe().id());
      assertEquals("facebook", i.platform());
      assertEquals("blocked", i.classification());
    }
  }

  @Test
  void theMatrixShowsEachNetworksOwnStatesOverTime() {
    FleetView f = report.fleet();
    assertEquals(List.of("altel-1", "beeline-1", "kaztel-1", "kcell-1", "tele2-1"),
        f.networks().stream().map(n -> n.id()).toList());
    FleetView.MatrixRow facebook = f.matrix().stream().filter(r -> r.platform().equals("facebook")).findFirst()
        .orElseThrow();
    Map<String, FleetView.MatrixCell> cells = facebook.cells().stream()
        .collect(Collectors.toMap(c -> c.network().id(), Function.identity()));
    assertTrue(cells.get("kcell-1").columns().stream().allMatch(s -> s == FleetState.OK));
    assertTrue(cells.get("kaztel-1").columns().contains(FleetState.BLOCKED));
    assertTrue(!cells.get("kaztel-1").columns().contains(FleetState.CONTROLS_FAILED));
    assertTrue(cells.get("tele2-1").columns().contains(FleetState.CONTROLS_FAILED));
    assertTrue(!cells.get("tele2-1").columns().contains(FleetState.BLOCKED));
    assertTrue(cells.get("altel-1").columns().contains(FleetState.NO_DATA));
    assertEquals(FleetBuilder.COLUMNS + 1, f.columns().size());
    assertEquals(8, cells.get("kaztel-1").rounds().get(org.censorprobe.reporter.read.Status.BLOCKED));
    // Twitter was reachable wherever it was measured: never a blocked column
    FleetView.MatrixRow twitter = f.matrix().stream().filter(r -> r.platform().equals("twitter")).findFirst()
        .orElseThrow();
    assertTrue(twitter.cells().stream().noneMatch(c -> c.columns().contains(FleetState.BLOCKED)));
  }

  @Test
  void aSingleNetworkHasNoFleetView() {
    assertNull(Fixtures.report("event").fleet());
  }

  @Test
  void twoNetworksBlockingAtOnceWithNoOtherAreOneEventWithoutAReachableClaim() {
    FleetView f = Fixtures.report("probes").fleet();
    assertEquals(1, f.events().size());
    String h = f.events().get(0).headline();
    assertEquals("Facebook blocked on Beeline (AS21299) by SNI filtering from 2026-11-20 06:30 to 07:00 UTC and on"
        + " Kcell (AS29355) by SNI filtering from 2026-11-20 06:20 to 06:50 UTC; the controls were healthy on both"
        + " networks.", h);
  }
}
