package org.censorprobe.reporter.incidents;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.Round;
import org.censorprobe.reporter.read.Status;

/** One platform on one probe: its gaps, its incidents and its timeline, fed round by round. */
final class PlatformTrack {
  private final ProbeIdentity probe;
  private final String platform;
  private final String platformName;
  private final RoundIntervals intervals;
  private final StretchTracker tracker;
  private final TimelineBuilder timeline = new TimelineBuilder();

  PlatformTrack(ProbeIdentity probe, Round first, DetectionSettings settings) {
    this.probe = probe;
    this.platform = first.platform();
    this.platformName = first.platformName();
    this.intervals = new RoundIntervals(settings);
    this.tracker = new StretchTracker(settings,
        () -> new IncidentBuilder(Incident.KIND_PLATFORM, probe, platform, platformName));
  }

  void round(Round round) {
    long at = round.measuredAtMs();
    boolean gap = intervals.gapBefore(at);
    timeline.round(at, round.status(), gap, intervals.typicalMs());
    StretchTracker.Kind kind = round.status() == Status.OK ? StretchTracker.Kind.OK
        : round.networkWide() ? StretchTracker.Kind.NEUTRAL : StretchTracker.Kind.FAILING;
    tracker.round(at, kind, gap, b -> b.failing(at, round.status(), round.method(), round.confidence(),
        round.controls(), round.endpoints()));
  }

  List<Incident> incidents() {
    return tracker.finish();
  }

  Timeline timeline(Instant periodEnd) {
    return new Timeline(probe, platform, platformName, timeline.finish(intervals.typicalMs(), periodEnd));
  }
}
