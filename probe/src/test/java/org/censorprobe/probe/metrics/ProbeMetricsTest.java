package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {
  private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
  private static final String E1 = "tcp://127.0.0.1:1";
  private static final String E2 = "tcp://127.0.0.1:2";
  private static final String C1 = "tcp://127.0.0.1:9";

  static String scrape(ProbeMetrics m) {
    return m.registry().scrape(MetricsServer.TEXT_CONTENT_TYPE);
  }

  /** The value of the one sample with exactly these labels (in this order), or null if absent. */
  static Double sample(String text, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(labels.isEmpty() ? name : name + "{" + labels + "}") + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }

  @Test
  void everyEndpointHasAllFourVerdictsExactlyOneSet() {
    ProbeMetrics m = new ProbeMetrics("1.2.3");
    m.recordRound(TestMeasurements.round("youtube", List.of(E1), Verdict.BLOCKED, T0));
    String t = scrape(m);
    for (Verdict v : Verdict.values()) {
      Double value = sample(t, "censorprobe_verdict",
          "endpoint=\"" + E1 + "\",platform=\"youtube\",verdict=\"" + v.label() + "\"");
      assertEquals(v == Verdict.BLOCKED ? 1.0 : 0.0, value, v.label() + "\n" + t);
      Double pv = sample(t, "censorprobe_platform_verdict", "platform=\"youtube\",verdict=\"" + v.label() + "\"");
      assertEquals(v == Verdict.BLOCKED ? 1.0 : 0.0, pv, v.label());
    }
    // A later round flips the state: still exactly one 1.
    m.recordRound(TestMeasurements.round("youtube", List.of(E1), Verdict.OK, T0.plusSeconds(300)));
    t = scrape(m);
    assertEquals(1.0, sample(t, "censorprobe_verdict", "endpoint=\"" + E1 + "\",platform=\"youtube\",verdict=\"ok\""));
    assertEquals(0.0, sample(t, "censorprobe_verdict",
        "endpoint=\"" + E1 + "\",platform=\"youtube\",verdict=\"blocked\""));
    assertEquals(1.0, sample(t, "censorprobe_measurements_total",
        "method=\"tcp.refused\",platform=\"youtube\",verdict=\"blocked\""));
    assertEquals(1.0, sample(t, "censorprobe_measurements_total",
        "method=\"none\",platform=\"youtube\",verdict=\"ok\""));
    assertEquals(T0.plusSeconds(300).getEpochSecond(), sample(t, "censorprobe_last_measurement_timestamp_seconds",
        "endpoint=\"" + E1 + "\",platform=\"youtube\""));
    assertEquals(1.0, sample(t, "censorprobe_build_info", "version=\"1.2.3\""), t);
  }

  @Test
  void stepSeriesOnlyForStepsTheEndpointHas() {
    ProbeMetrics m = new ProbeMetrics("dev");
    m.recordRound(TestMeasurements.round("p", List.of(E1), Verdict.OK, T0));
    String t = scrape(m);
    assertEquals(1.0, sample(t, "censorprobe_step_success", "endpoint=\"" + E1 + "\",platform=\"p\",step=\"tcp\""));
    assertEquals(0.0125, sample(t, "censorprobe_step_duration_seconds",
        "endpoint=\"" + E1 + "\",platform=\"p\",step=\"tcp\""));
    // An IP-literal tcp:// endpoint has no dns, tls or http step.
    assertFalse(t.contains("step=\"dns\""), t);
    assertFalse(t.contains("step=\"http\""), t);
  }

  @Test
  void localNetworkFollowsTheControls() {
    ProbeMetrics m = new ProbeMetrics("dev");
    m.recordRound(TestMeasurements.round("p", List.of(E1), Verdict.OK, T0));
    assertEquals(null, sample(scrape(m), "censorprobe_local_network_up", ""), "unknown without controls");
    String r = "round-1";
    m.recordRound(List.of(TestMeasurements.platform(r, "p", E1, Verdict.OK, null, T0),
        TestMeasurements.control(r, C1, true, T0)));
    assertEquals(1.0, sample(scrape(m), "censorprobe_local_network_up", "").doubleValue());
    m.recordRound(List.of(TestMeasurements.control("round-2", C1, false, T0)));
    assertEquals(0.0, sample(scrape(m), "censorprobe_local_network_up", "").doubleValue());
  }

  @Test
  void aReloadRemovesTheSeriesOfEndpointsNoLongerConfigured() {
    ProbeMetrics m = new ProbeMetrics("dev");
    List<Measurement> round = new ArrayList<>(TestMeasurements.round("p", List.of(E1, E2), Verdict.OK, T0));
    round.addAll(TestMeasurements.round("gone", List.of(E1), Verdict.OK, T0));
    m.recordRound(round);
    assertTrue(scrape(m).contains("endpoint=\"" + E2 + "\""));
    m.retain(TestMeasurements.config(Path.of("t.yaml"),
        List.of(TestMeasurements.platformConfig("p", null, E1)), List.of()));
    String t = scrape(m);
    assertFalse(t.contains("endpoint=\"" + E2 + "\""), t);
    assertFalse(t.contains("censorprobe_platform_verdict{platform=\"gone\""), t);
    assertFalse(t.contains("censorprobe_verdict{endpoint=\"" + E1 + "\",platform=\"gone\""), t);
    assertEquals(1.0, sample(t, "censorprobe_verdict", "endpoint=\"" + E1 + "\",platform=\"p\",verdict=\"ok\""));
    assertEquals(1, m.board().platforms().size());

    // A round of the old config that finishes after the reload is stored, but does not bring the series back.
    m.recordRound(TestMeasurements.round("gone", List.of(E1), Verdict.BLOCKED, T0.plusSeconds(1)));
    t = scrape(m);
    assertFalse(t.contains("censorprobe_verdict{endpoint=\"" + E1 + "\",platform=\"gone\""), t);
    assertFalse(t.contains("censorprobe_platform_verdict{platform=\"gone\""), t);
    assertEquals(1.0, sample(t, "censorprobe_measurements_total",
        "method=\"tcp.refused\",platform=\"gone\",verdict=\"blocked\""), "counted: it was stored");
  }

  @Test
  void reloadMetrics() {
    ProbeMetrics m = new ProbeMetrics("dev");
    m.configLoaded(Instant.ofEpochSecond(1_700_000_000L));
    String t = scrape(m);
    assertTrue(t.contains("censorprobe_config_last_reload_successful 1.0"), t);
    assertTrue(t.contains("censorprobe_config_last_reload_success_timestamp_seconds 1.7E9"), t);
    m.configRefused(Instant.EPOCH, List.of("t.yaml:1: a problem"));
    t = scrape(m);
    assertTrue(t.contains("censorprobe_config_last_reload_successful 0.0"), t);
    assertTrue(t.contains("censorprobe_config_last_reload_success_timestamp_seconds 1.7E9"), t);
  }
}
