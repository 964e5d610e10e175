package org.censorprobe.reporter.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The open/close rule. Failing rounds start a candidate; it becomes an incident after {@code openAfter}
 * consecutive failing rounds, and closes after {@code closeAfter} consecutive ok rounds, at the first of them.
 * Fewer ok rounds inside an incident are flaps and belong to it. A gap is neither ok nor failing: it does not
 * break a run, and is recorded in the incident it falls in. Neutral rounds (the network itself was down) count
 * for nothing: the network outage is reported apart.
 */
final class StretchTracker {
  enum Kind { OK, FAILING, NEUTRAL }

  private final DetectionSettings settings;
  private final Supplier<IncidentBuilder> newBuilder;
  private final List<Incident> incidents = new ArrayList<>();
  private IncidentBuilder current;
  private boolean open;
  private int failingRun;
  private int okRun;
  private long firstOkAt;
  private long lastAt = Long.MIN_VALUE;

  StretchTracker(DetectionSettings settings, Supplier<IncidentBuilder> newBuilder) {
    this.settings = settings;
    this.newBuilder = newBuilder;
  }

  void round(long at, Kind kind, boolean gapBefore, Consumer<IncidentBuilder> addFailing) {
    if (gapBefore && current != null && okRun == 0) current.gap(lastAt, at);
    lastAt = at;
    switch (kind) {
      case FAILING -> {
        if (current == null) current = newBuilder.get();
        addFailing.accept(current);
        if (okRun > 0) current.flaps(okRun);
        okRun = 0;
        if (!open && ++failingRun >= settings.openAfter()) open = true;
      }
      case OK -> {
        if (!open) {
          current = null;
          failingRun = 0;
        } else {
          if (okRun == 0) firstOkAt = at;
          if (++okRun >= settings.closeAfter()) {
            incidents.add(current.build(firstOkAt));
            current = null;
            open = false;
            failingRun = 0;
            okRun = 0;
          }
        }
      }
      case NEUTRAL -> {
        if (current != null) current.networkInside(at);
      }
    }
  }

  /** The incidents found; one still open at the end of the data is ongoing. */
  List<Incident> finish() {
    if (open) incidents.add(current.build(null));
    current = null;
    open = false;
    return List.copyOf(incidents);
  }
}
