package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;

class ScrapeCacheTest {
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String E1 = "https://www.youtube.com/";

  @Test
  void servesTheSameBodyUntilTheMetricsChange() throws Exception {
    ProbeMetrics m = new ProbeMetrics("dev");
    ScrapeCache cache = new ScrapeCache(m);
    m.recordRound(TestMeasurements.round("youtube", List.of(E1), Verdict.BLOCKED, Instant.EPOCH));
    byte[] first = cache.body(TEXT);
    assertSame(first, cache.body(TEXT), "nothing changed: no new rendering");
    assertTrue(text(first).contains(
        "censorprobe_verdict{endpoint=\"https://www.youtube.com/\",platform=\"youtube\",verdict=\"blocked\"} 1"));

    m.recordRound(TestMeasurements.round("youtube", List.of(E1), Verdict.OK, Instant.EPOCH.plusSeconds(300)));
    String second = text(cache.body(TEXT));
    assertTrue(second.contains(
        "censorprobe_verdict{endpoint=\"https://www.youtube.com/\",platform=\"youtube\",verdict=\"ok\"} 1"), second);

    m.configRefused(Instant.EPOCH, List.of("t.yaml:1: a problem"));
    assertTrue(text(cache.body(TEXT)).contains("censorprobe_config_last_reload_successful 0"));
  }

  @Test
  void aChangeRendersTheTextBodyAheadOfTheNextScrape() throws Exception {
    ProbeMetrics m = new ProbeMetrics("dev");
    ScrapeCache cache = new ScrapeCache(m);
    m.onChange(() -> cache.renderAhead(TEXT));
    m.recordRound(TestMeasurements.round("youtube", List.of(E1), Verdict.BLOCKED, Instant.EPOCH));
    int rendered = cache.renders();
    assertTrue(text(cache.body(TEXT)).contains("verdict=\"blocked\"} 1"));
    assertEquals(rendered, cache.renders(), "the scrape found the body already rendered");
  }

  @Test
  void keepsOneBodyPerContentType() throws Exception {
    ProbeMetrics m = new ProbeMetrics("dev");
    ScrapeCache cache = new ScrapeCache(m);
    String om = text(cache.body(OPENMETRICS));
    String text = text(cache.body(TEXT));
    assertTrue(om.endsWith("# EOF\n"), om);
    assertFalse(text.contains("# EOF"), text);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
