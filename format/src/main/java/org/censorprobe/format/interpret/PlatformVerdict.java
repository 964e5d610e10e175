package org.censorprobe.format.interpret;

import java.util.List;

/** A platform's verdict in one round, and the endpoints that decided it (none for an ok). */
public record PlatformVerdict(Interpretation interpretation, List<String> drivenBy) {
  public PlatformVerdict {
    drivenBy = List.copyOf(drivenBy);
  }
}
