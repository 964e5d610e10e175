package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void parsesInstantsDatesAndAges() {
    assertEquals(Instant.parse("2026-11-20T06:00:00Z"), TimeArgument.parse("2026-11-20T06:00:00Z", NOW));
    assertEquals(Instant.parse("2026-11-20T01:00:00Z"), TimeArgument.parse("2026-11-20T06:00:00+05:00", NOW));
    assertEquals(Instant.parse("2026-11-20T06:00:00Z"), TimeArgument.parse("2026-11-20T06:00", NOW));
    assertEquals(Instant.parse("2026-11-20T00:00:00Z"), TimeArgument.parse("2026-11-20", NOW));
    assertEquals(NOW.minus(Duration.ofHours(24)), TimeArgument.parse("24h", NOW));
    assertEquals(NOW.minus(Duration.ofDays(7)), TimeArgument.parse("7d", NOW));
    assertEquals(NOW.minus(Duration.ofMinutes(90)), TimeArgument.parse("1h30m", NOW));
    assertEquals(NOW, TimeArgument.parse("now", NOW));
    assertThrows(IllegalArgumentException.class, () -> TimeArgument.parse("yesterday", NOW));
  }
}
