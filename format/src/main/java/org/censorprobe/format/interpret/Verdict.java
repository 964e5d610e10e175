package org.censorprobe.format.interpret;

import java.util.Locale;

/** The four answers a measurement can have. Written lower-case in JSON and metrics. */
public enum Verdict {
  OK, BLOCKED, TECHNICAL, INCONCLUSIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Verdict fromLabel(String s) {
    for (Verdict v : values()) if (v.label().equals(s)) return v;
    throw new IllegalArgumentException("unknown verdict '" + s + "'");
  }

  /** Rank for a reader's attention: blocked first, ok last. */
  public int attention() {
    return switch (this) {
      case BLOCKED -> 3;
      case TECHNICAL -> 2;
      case INCONCLUSIVE -> 1;
      case OK -> 0;
    };
  }
}
