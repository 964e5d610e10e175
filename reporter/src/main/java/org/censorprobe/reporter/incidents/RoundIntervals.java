package org.censorprobe.reporter.incidents;

import java.util.Arrays;

/**
 * Decides when the silence before a round is a gap in the data: longer than the fixed gap, or else longer than
 * {@link DetectionSettings#GAP_MEDIANS} times the median of the last {@link #WINDOW} intervals (gaps excluded).
 * Until {@link #MIN_INTERVALS} intervals are known there is no median and no gap is called.
 */
final class RoundIntervals {
  static final int WINDOW = 31;
  static final int MIN_INTERVALS = 3;

  private final Long fixedGapMs;
  private final long[] recent = new long[WINDOW];
  private final long[] sorted = new long[WINDOW];
  private int size;
  private int next;
  private long median = -1; // -1: to be computed
  private long lastAt = Long.MIN_VALUE;

  RoundIntervals(DetectionSettings settings) {
    this.fixedGapMs = settings.gap() == null ? null : settings.gap().toMillis();
  }

  /** Records a round at {@code at}; true when the silence since the previous round is a gap. */
  boolean gapBefore(long at) {
    if (lastAt == Long.MIN_VALUE) {
      lastAt = at;
      return false;
    }
    long interval = at - lastAt;
    boolean gap = interval > thresholdMs();
    if (!gap) {
      recent[next] = interval;
      next = (next + 1) % WINDOW;
      size = Math.min(size + 1, WINDOW);
      median = -1;
    }
    lastAt = at;
    return gap;
  }

  /** The usual interval between rounds (0 when not known yet): how long one round's band lasts. */
  long typicalMs() {
    if (size == 0) return 0;
    if (median < 0) {
      System.arraycopy(recent, 0, sorted, 0, size);
      Arrays.sort(sorted, 0, size);
      median = sorted[size / 2];
    }
    return median;
  }

  long thresholdMs() {
    if (fixedGapMs != null) return fixedGapMs;
    if (size < MIN_INTERVALS) return Long.MAX_VALUE;
    return DetectionSettings.GAP_MEDIANS * typicalMs();
  }
}
