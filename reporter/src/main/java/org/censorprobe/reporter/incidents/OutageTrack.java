package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Layer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.reporter.read.EndpointResult;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.ProbeRound;
import org.censorprobe.reporter.read.Round;
import org.censorprobe.reporter.read.Status;

/**
 * A probe's own network, round by round: a round whose context says nothing answered across the uplink or the
 * international link was cut is a failing round of a network outage, under the same open/close rule as platforms.
 */
final class OutageTrack {
  private final ProbeIdentity probe;
  private final RoundIntervals intervals;
  private final StretchTracker tracker;
  private final TimelineBuilder timeline = new TimelineBuilder();

  OutageTrack(ProbeIdentity probe, DetectionSettings settings) {
    this.probe = probe;
    this.intervals = new RoundIntervals(settings);
    this.tracker = new StretchTracker(settings,
        () -> new IncidentBuilder(Incident.KIND_NETWORK_OUTAGE, probe, Timeline.NETWORK, "Network"));
  }

  void round(ProbeRound round) {
    long at = round.measuredAtMs();
    boolean gap = intervals.gapBefore(at);
    boolean down = round.networkDown();
    timeline.round(at, down ? Status.TECHNICAL : Status.OK, gap, intervals.typicalMs());
    tracker.round(at, down ? StretchTracker.Kind.FAILING : StretchTracker.Kind.OK, gap, b -> {
      Method method = null;
      Confidence confidence = null;
      List<EndpointResult> failing = new ArrayList<>();
      for (Round p : round.platforms()) {
        if (p.status() == Status.OK) continue;
        if (method == null || p.method() != null && p.method().layer() == Layer.NETWORK) method = p.method();
        if (confidence == null) confidence = p.confidence();
        failing.addAll(p.endpoints());
      }
      b.failing(at, Status.TECHNICAL, method, confidence, round.controls(), failing);
    });
  }

  List<Incident> incidents() {
    return tracker.finish();
  }

  Timeline timeline(Instant periodEnd) {
    return new Timeline(probe, Timeline.NETWORK, "Network (controls)", timeline.finish(intervals.typicalMs(), periodEnd));
  }
}
