package org.censorprobe.reporter.read;

import java.util.Locale;

/** A verdict as the reporter shows it: the four verdicts of the measurement format, plus the absence of data. */
public enum Status {
  OK, BLOCKED, TECHNICAL, INCONCLUSIVE, NO_DATA;

  public String label() {
    return this == NO_DATA ? "no data" : name().toLowerCase(Locale.ROOT);
  }

  /** The verdict field of a record; null when it is not one of the four written by the probe. */
  public static Status ofVerdict(String verdict) {
    if (verdict == null) return null;
    return switch (verdict) {
      case "ok" -> OK;
      case "blocked" -> BLOCKED;
      case "technical" -> TECHNICAL;
      case "inconclusive" -> INCONCLUSIVE;
      default -> null;
    };
  }

  /** Which of two statuses a picture showing both in one pixel should show: blocking outranks everything. */
  public int severity() {
    return switch (this) {
      case BLOCKED -> 4;
      case TECHNICAL -> 3;
      case INCONCLUSIVE -> 2;
      case OK -> 1;
      case NO_DATA -> 0;
    };
  }
}
