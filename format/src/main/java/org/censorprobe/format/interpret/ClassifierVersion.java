package org.censorprobe.format.interpret;

import java.time.LocalDate;
import java.util.Objects;

/** Which classifier made a judgement: its version and the date of that version. */
public record ClassifierVersion(String version, LocalDate date) {
  public ClassifierVersion {
    Objects.requireNonNull(version, "version");
  }

  @Override
  public String toString() {
    return version + (date == null ? "" : " (" + date + ")");
  }
}
