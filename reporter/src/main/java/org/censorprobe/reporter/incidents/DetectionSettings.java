package org.censorprobe.reporter.incidents;

import java.time.Duration;

/**
 * The incident rules' knobs. An incident opens after {@code openAfter} consecutive failing rounds and closes
 * after {@code closeAfter} consecutive ok rounds. {@code gap} is the fixed silence that counts as "no data";
 * null means {@link #GAP_MEDIANS} times the median interval between the platform's recent rounds.
 */
public record DetectionSettings(int openAfter, int closeAfter, Duration gap) {
  public static final int DEFAULT_OPEN_AFTER = 2;
  public static final int DEFAULT_CLOSE_AFTER = 2;
  public static final int GAP_MEDIANS = 3;
  public static final DetectionSettings DEFAULTS = new DetectionSettings(DEFAULT_OPEN_AFTER, DEFAULT_CLOSE_AFTER, null);

  public DetectionSettings {
    if (openAfter < 1 || closeAfter < 1) throw new IllegalArgumentException("thresholds must be at least 1 round");
    if (gap != null && (gap.isNegative() || gap.isZero())) throw new IllegalArgumentException("gap must be positive");
  }
}
