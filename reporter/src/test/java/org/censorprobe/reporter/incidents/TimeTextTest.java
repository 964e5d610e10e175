package org.censorprobe.reporter.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextTest {
  private static Instant at(String time) {
    return Instant.parse(time);
  }

  @Test
  void aSpanIsWrittenToTheMinuteWithTheDayOnlyWhenItChanges() {
    assertEquals("from 2026-11-21 06:58 to 20:41 UTC",
        TimeText.span(at("2026-11-21T06:58:10Z"), at("2026-11-21T20:41:59Z")));
    assertEquals("from 2026-11-21 23:58 to 2026-11-22 00:03 UTC",
        TimeText.span(at("2026-11-21T23:58:00Z"), at("2026-11-22T00:03:00Z")));
    assertEquals("since 2026-11-21 06:58 UTC (ongoing)", TimeText.span(at("2026-11-21T06:58:10Z"), null));
  }

  @Test
  void aSpanInsideOneMinuteIsWrittenToTheSecondNotFromAMinuteToItself() {
    assertEquals("from 2026-12-03 13:29:05 to 13:29:53 UTC",
        TimeText.span(at("2026-12-03T13:29:05Z"), at("2026-12-03T13:29:53Z")));
    assertEquals("at 2026-12-03 13:29:05 UTC",
        TimeText.span(at("2026-12-03T13:29:05.100Z"), at("2026-12-03T13:29:05.900Z")));
  }
}
