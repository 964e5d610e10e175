package org.censorprobe.reporter.fleet;

import java.util.Locale;
import org.censorprobe.reporter.read.Status;

/**
 * What one cell of the fleet matrix shows for one stretch of time: the probe's own verdicts for the platform, or
 * that the probe's own network failed (its controls did; then nothing it saw counts either way), or no data.
 */
public enum FleetState {
  BLOCKED, TECHNICAL, INCONCLUSIVE, OK, CONTROLS_FAILED, NO_DATA;

  public String label() {
    return this == CONTROLS_FAILED ? "controls failed" : this == NO_DATA ? "no data" : name().toLowerCase(Locale.ROOT);
  }

  /** Which of two states a column showing both should show: blocking outranks everything, no data nothing. */
  public int severity() {
    return switch (this) {
      case BLOCKED -> 5;
      case TECHNICAL -> 4;
      case INCONCLUSIVE -> 3;
      case CONTROLS_FAILED -> 2;
      case OK -> 1;
      case NO_DATA -> 0;
    };
  }

  static FleetState of(Status s) {
    return switch (s) {
      case OK -> OK;
      case BLOCKED -> BLOCKED;
      case TECHNICAL -> TECHNICAL;
      case INCONCLUSIVE -> INCONCLUSIVE;
      case NO_DATA -> NO_DATA;
    };
  }
}
