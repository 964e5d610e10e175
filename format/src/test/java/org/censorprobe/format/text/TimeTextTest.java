package org.censorprobe.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void parsesInstantsDatesAndAges() {
    assertEquals(Instant.parse("2026-11-20T06:00:00Z"), TimeText.parse("2026-11-20T06:00:00Z", NOW));
    assertEquals(Instant.parse("2026-11-20T01:00:00Z"), TimeText.parse("2026-11-20T06:00:00+05:00", NOW));
    assertEquals(Instant.parse("2026-11-20T06:00:00Z"), TimeText.parse("2026-11-20T06:00", NOW));
    assertEquals(Instant.parse("2026-11-20T00:00:00Z"), TimeText.parse("2026-11-20", NOW));
    assertEquals(NOW.minus(Duration.ofHours(24)), TimeText.parse("24h", NOW));
    assertEquals(NOW.minus(Duration.ofDays(7)), TimeText.parse("7d", NOW));
    assertEquals(NOW.minus(Duration.ofMinutes(90)), TimeText.parse("1h30m", NOW));
    assertEquals(NOW, TimeText.parse("now", NOW));
    assertThrows(IllegalArgumentException.class, () -> TimeText.parse("yesterday", NOW));
  }
}
