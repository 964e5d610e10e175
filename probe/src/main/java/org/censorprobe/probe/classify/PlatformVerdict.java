package org.censorprobe.probe.classify;

import java.util.List;

/** A platform's roll-up in one round and the endpoint specs that decided it. */
public record PlatformVerdict(String platformId, Classification classification, List<String> drivenBy) {
  public PlatformVerdict {
    drivenBy = List.copyOf(drivenBy);
  }
}
