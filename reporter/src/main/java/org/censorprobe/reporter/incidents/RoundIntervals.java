package org.censorprobe.reporter.incidents;

import java.util.ArrayDeque;
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
  private final ArrayDeque<Long> recent = new ArrayDeque<>();
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
    long threshold = thresholdMs();
    boolean gap = interval > threshold;
    if (!gap) {
      recent.addLast(interval);
      if (recent.size() > WINDOW) recent.removeFirst();
    }
    lastAt = at;
    return gap;
  }

  /** The usual interval between rounds (0 when not known yet): how long one round's band lasts. */
  long typicalMs() {
    if (recent.isEmpty()) return 0;
    long[] sorted = recent.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  long thresholdMs() {
    if (fixedGapMs != null) return fixedGapMs;
    if (recent.size() < MIN_INTERVALS) return Long.MAX_VALUE;
    return DetectionSettings.GAP_MEDIANS * typicalMs();
  }
}
