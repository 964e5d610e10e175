package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RenderAheadTest {
  private static final String TEXT = MetricsServer.TEXT_CONTENT_TYPE;

  // Renderings ahead are queued in 'later' and run when the test says so.
  private final ProbeMetrics m = new ProbeMetrics("dev");
  private final ScrapeCache cache = new ScrapeCache(m);
  private final List<Runnable> later = new ArrayList<>();

  @BeforeEach
  void renderAheadOnChange() {
    RenderAhead ahead = RenderAhead.with(cache, TEXT, later::add);
    m.onChange(ahead::changed);
  }

  @Test
  void aBurstOfChangesIsRenderedOnceAndTheScrapeFindsItReady() throws Exception {
    for (String platform : List.of("youtube", "facebook", "vk", "twitter", "skype")) {
      m.recordRound(TestMeasurements.round(platform, List.of("https://" + platform + ".test/"), Verdict.OK,
          Instant.EPOCH));
    }
    assertEquals(1, later.size(), "five changes asked for more than one rendering");
    assertEquals(0, cache.renders(), "rendered on the changing thread");

    later.remove(0).run();
    assertEquals(1, cache.renders());
    String body = new String(cache.body(TEXT), StandardCharsets.UTF_8);
    assertEquals(1, cache.renders(), "the scrape rendered again: the body rendered ahead was not current");
    assertTrue(body.contains("platform=\"skype\""), "the last change of the burst is missing");
  }

  @Test
  void aChangeAfterTheRenderingStartedAsksForAnother() throws Exception {
    m.recordRound(TestMeasurements.round("youtube", List.of("https://youtube.test/"), Verdict.OK, Instant.EPOCH));
    later.remove(0).run();
    m.recordRound(TestMeasurements.round("youtube", List.of("https://youtube.test/"), Verdict.BLOCKED,
        Instant.EPOCH.plusSeconds(300)));
    assertEquals(1, later.size(), "a change after a rendering was not rendered ahead");
    later.remove(0).run();
    assertEquals(2, cache.renders());
    assertTrue(new String(cache.body(TEXT), StandardCharsets.UTF_8).contains("verdict=\"blocked\"} 1"));
    assertEquals(2, cache.renders());
  }
}
