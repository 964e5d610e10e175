package org.censorprobe.reporter.render;

import java.time.Instant;
import java.util.List;
import org.censorprobe.reporter.incidents.Band;
import org.censorprobe.reporter.read.Status;

/**
 * Cuts a period into equal columns and gives each the most severe status of the bands in it: a picture of
 * fixed size however many rounds, and a blocking shorter than a column still shows.
 */
final class Columns {
  private Columns() {}

  static Status[] of(List<Band> bands, Instant from, Instant to, int columns) {
    Status[] out = new Status[columns];
    java.util.Arrays.fill(out, Status.NO_DATA);
    long start = from.toEpochMilli();
    long span = Math.max(1, to.toEpochMilli() - start);
    for (Band b : bands) {
      int first = (int) Math.floor((b.from().toEpochMilli() - start) * (double) columns / span);
      int last = (int) Math.ceil((b.to().toEpochMilli() - start) * (double) columns / span) - 1;
      last = Math.max(first, last);
      for (int c = Math.max(0, first); c <= Math.min(columns - 1, last); c++) {
        if (b.status().severity() > out[c].severity()) out[c] = b.status();
      }
    }
    return out;
  }
}
