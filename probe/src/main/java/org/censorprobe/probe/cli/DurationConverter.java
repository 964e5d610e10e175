package org.censorprobe.probe.cli;

import java.time.Duration;
import org.censorprobe.format.text.DurationText;
import picocli.CommandLine;

/** Duration flags in the grammar of targets.yaml (docs/durations.md): {@code 10s}, {@code 5m}, {@code 1d}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d = DurationText.parse(value);
    if (d == null) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (expected "
          + DurationText.EXPECTED + ")");
    }
    return d;
  }
}
