package org.censorprobe.probe.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rendered /metrics body per content type, kept until the metrics change. With a thousand endpoints the
 * registry holds some 13,000 series, and turning them into text costs tens of milliseconds of CPU per scrape
 * (the bench's profile: label sorting and character-by-character writing); the values only move when a round is
 * recorded or the config reloads, so rendering once per change makes a scrape cost a copy.
 */
final class ScrapeCache {
  private record Rendered(long generation, byte[] body) {}

  private final ProbeMetrics metrics;
  private final ConcurrentHashMap<String, Rendered> byContentType = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();

  ScrapeCache(ProbeMetrics metrics) {
    this.metrics = metrics;
  }

  /** How many times a body was rendered (tests). */
  int renders() {
    return renders.get();
  }

  /**
   * Renders the body a scraper will most likely ask for right after a change, on the thread that made it (the
   * round's, after its commit), so that no scrape waits for a rendering.
   */
  void renderAhead(String contentType) {
    try {
      body(contentType);
    } catch (IOException | RuntimeException e) {
      // the scrape will render it itself and report any problem to its client
    }
  }

  byte[] body(String contentType) throws IOException {
    // Read before rendering: if the metrics change while we render, the next scrape sees a newer generation.
    long generation = metrics.generation();
    Rendered r = byContentType.get(contentType);
    if (r != null && r.generation() == generation) return r.body();
    renders.incrementAndGet();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    metrics.registry().scrape(out, contentType);
    byte[] body = out.toByteArray();
    byContentType.put(contentType, new Rendered(generation, body));
    return body;
  }
}
