package org.censorprobe.probe.classify;

import java.util.Locale;

/** The four answers a measurement can have. Written lower-case in JSON and metrics. */
public enum Verdict {
  OK, BLOCKED, TECHNICAL, INCONCLUSIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
