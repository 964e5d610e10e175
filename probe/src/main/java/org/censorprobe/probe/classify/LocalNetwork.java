package org.censorprobe.probe.classify;

import java.util.Locale;

/** The probe's own connectivity as the round's controls show it. */
public enum LocalNetwork {
  /** every control reachable */
  UP,
  /** some controls failed, not in a shutdown shape */
  DEGRADED,
  /** every international control failed while a domestic one worked */
  GATEWAY_CUT,
  /** every control failed */
  DOWN,
  /** no controls configured */
  UNKNOWN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
