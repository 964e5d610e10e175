package org.censorprobe.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.censorprobe.format.text.DurationText;
import org.junit.jupiter.api.Test;

class ConfigTextTest {
  @Test
  void durationsReadEveryUnitAndSums() {
    assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
    assertEquals(Duration.ofSeconds(5), DurationText.parse("5s"));
    assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
    assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
    assertEquals(Duration.ofSeconds(90), DurationText.parse("1m30s"));
    assertEquals(Duration.ZERO, DurationText.parse("0s"));
  }

  @Test
  void durationsRejectWhatIsNotOne() {
    for (String bad : new String[] {"5", "5 s", "5sec", "-5s", "1.5s", "s", "", "9999999999h", "5y"}) {
      assertNull(DurationText.parse(bad), bad);
    }
  }

  @Test
  void durationsFormatBackToTheirShortestSpelling() {
    assertEquals("1m", DurationText.format(Duration.ofSeconds(60)));
    assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
    assertEquals("2h", DurationText.format(Duration.ofHours(2)));
  }

  @Test
  void sizesReadBinaryUnits() {
    assertEquals(512 * 1024, ByteSizeText.parse("512KiB"));
    assertEquals(4L << 20, ByteSizeText.parse("4MiB"));
    assertEquals(1L << 30, ByteSizeText.parse("1GiB"));
    assertEquals(65536, ByteSizeText.parse("65536"));
    assertEquals(100, ByteSizeText.parse("100B"));
    for (String bad : new String[] {"512KB", "4mb", "-1", "1.5MiB", "MiB", ""}) {
      assertEquals(-1, ByteSizeText.parse(bad), bad);
    }
  }
}
