package org.censorprobe.probe.classify;

import java.util.Locale;

public enum Confidence {
  HIGH, MEDIUM, LOW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
