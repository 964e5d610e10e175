package org.censorprobe.format.interpret;

import java.util.Locale;

/** The probe's own connectivity as the round shows it. */
public enum LocalNetwork {
  /** every control reachable */
  UP,
  /** some controls failed, or every control failed while something else got a response across the uplink */
  DEGRADED,
  /** every international control failed while a domestic one worked, and no platform got through either */
  GATEWAY_CUT,
  /** nothing got a response across the uplink: every control and every platform failed */
  DOWN,
  /** every name led to one captive-portal page */
  CAPTIVE_PORTAL,
  /** no controls configured */
  UNKNOWN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LocalNetwork fromLabel(String s) {
    for (LocalNetwork n : values()) if (n.label().equals(s)) return n;
    throw new IllegalArgumentException("unknown local_network '" + s + "'");
  }
}
