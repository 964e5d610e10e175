package org.censorprobe.probe.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void parsesInstantsDatesAndAges() {
    assertEquals(Instant.parse("2026-11-20T06:00:00Z"), TimeBound.parse("2026-11-20T06:00:00Z", NOW));
    assertEquals(Instant.parse("2026-11-20T01:00:00Z"), TimeBound.parse("2026-11-20T06:00:00+05:00", NOW));
    assertEquals(Instant.parse("2026-11-20T00:00:00Z"), TimeBound.parse("2026-11-20", NOW));
    assertEquals(NOW.minus(Duration.ofHours(24)), TimeBound.parse("24h", NOW));
    assertEquals(NOW.minus(Duration.ofDays(7)), TimeBound.parse("7d", NOW));
    assertEquals(NOW, TimeBound.parse("now", NOW));
    assertThrows(IllegalArgumentException.class, () -> TimeBound.parse("yesterday", NOW));
  }

  @Test
  void parsesDurations() {
    assertEquals(Duration.ofDays(90), TimeBound.parseDuration("90d"));
    assertEquals(Duration.ofSeconds(30), TimeBound.parseDuration("PT30S"));
    assertThrows(IllegalArgumentException.class, () -> TimeBound.parseDuration("soon"));
  }
}
