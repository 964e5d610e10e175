package org.censorprobe.format.interpret;

import java.util.Locale;

/** How strongly the evidence supports the verdict. */
public enum Confidence {
  HIGH, MEDIUM, LOW;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Confidence fromLabel(String s) {
    for (Confidence c : values()) if (c.label().equals(s)) return c;
    throw new IllegalArgumentException("unknown confidence '" + s + "'");
  }

  public Confidence lower() {
    return this == HIGH ? MEDIUM : LOW;
  }

  /** The weaker of the two. */
  public Confidence atMost(Confidence cap) {
    return ordinal() >= cap.ordinal() ? this : cap;
  }
}
