package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.reporter.read.Status;

/** Merges rounds into bands: a round lasts until the next one, or one usual interval before a gap. */
final class TimelineBuilder {
  private final List<Band> bands = new ArrayList<>();
  private Status status;
  private long from;
  private long lastAt;
  private int rounds;

  void round(long at, Status roundStatus, boolean gapBefore, long typicalMs) {
    if (status != null && gapBefore) {
      long end = Math.min(lastAt + typicalMs, at);
      close(end);
      if (at > end) bands.add(new Band(Status.NO_DATA, Instant.ofEpochMilli(end), Instant.ofEpochMilli(at), 0));
    } else if (status != null && status != roundStatus) {
      close(at);
    }
    if (status == null) {
      status = roundStatus;
      from = at;
      rounds = 0;
    }
    rounds++;
    lastAt = at;
  }

  private void close(long end) {
    bands.add(new Band(status, Instant.ofEpochMilli(from), Instant.ofEpochMilli(Math.max(end, from)), rounds));
    status = null;
  }

  List<Band> finish(long typicalMs, Instant periodEnd) {
    if (status != null) {
      long end = lastAt + typicalMs;
      if (periodEnd != null) end = Math.max(lastAt, Math.min(end, periodEnd.toEpochMilli()));
      close(end);
    }
    return List.copyOf(bands);
  }
}
