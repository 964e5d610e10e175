package org.censorprobe.reporter.read;

import java.util.Locale;
import org.censorprobe.format.interpret.Verdict;

/** A verdict as the reporter shows it: the four verdicts of the measurement format, plus the absence of data. */
public enum Status {
  OK, BLOCKED, TECHNICAL, INCONCLUSIVE, NO_DATA;

  public String label() {
    return this == NO_DATA ? "no data" : name().toLowerCase(Locale.ROOT);
  }

  public static Status of(Verdict v) {
    return switch (v) {
      case OK -> OK;
      case BLOCKED -> BLOCKED;
      case TECHNICAL -> TECHNICAL;
      case INCONCLUSIVE -> INCONCLUSIVE;
    };
  }

  private static final java.util.Map<String, Status> BY_VERDICT = java.util.Arrays.stream(Verdict.values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Verdict::label, Status::of));

  /** The verdict it shows; null for no data. */
  public Verdict verdict() {
    return switch (this) {
      case OK -> Verdict.OK;
      case BLOCKED -> Verdict.BLOCKED;
      case TECHNICAL -> Verdict.TECHNICAL;
      case INCONCLUSIVE -> Verdict.INCONCLUSIVE;
      case NO_DATA -> null;
    };
  }

  /** The verdict column of a store row; null when it is not one of the four the probe writes. */
  public static Status ofVerdict(String verdict) {
    // a map, not Verdict.fromLabel: this runs for every row of a million-row report
    return verdict == null ? null : BY_VERDICT.get(verdict);
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
