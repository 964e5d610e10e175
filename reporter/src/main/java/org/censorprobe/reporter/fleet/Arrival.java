package org.censorprobe.reporter.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.read.ArrivalFacts;

/**
 * Whether the central store may still be receiving data for the report's window, probe by probe. Probes deliver
 * when their path to the store works, and the paths that fail are those of the networks being interfered with:
 * a window that looks quiet may be a window whose measurements have not arrived yet. The report says so, never
 * silently. {@code serverNow} is the central store's clock, the one its {@code received_at} is written with.
 */
public record Arrival(Instant serverNow, Instant windowEnd, List<ProbeLine> probes) {
  public Arrival {
    probes = List.copyOf(probes);
  }

  public boolean stillArriving() {
    return probes.stream().anyMatch(p -> p.state() == State.SILENT || p.state() == State.ARRIVING);
  }

  public enum State {
    /** Nothing measured for longer than its schedule allows before the window's end. */
    SILENT,
    /** Rows of the window arrived late, and the window ended more recently than the longest delay. */
    ARRIVING,
    /** Rows arrived late, but the window ended longer ago than the longest delay seen. */
    LATE_ARRIVED,
    /** Measurements up to the window's end as its schedule predicts, none late. */
    CURRENT;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One probe: its state and the facts behind it ({@code typicalInterval} null when too few rounds tell its
   * schedule; {@code lastMeasured} null when it has no measurement before the window's end), and the sentence.
   */
  public record ProbeLine(String probe, State state, long rows, Instant lastMeasured, Instant lastReceived,
                          Duration maxDelay, long lateRows, Duration lateAfter, Duration typicalInterval,
                          List<ArrivalFacts.UploadEpisode> uploadFailures, String sentence) {
    public ProbeLine {
      uploadFailures = List.copyOf(uploadFailures);
    }
  }

  /**
   * @param requestedEnd the window's end as asked for (null: up to now)
   */
  public static Arrival of(ArrivalFacts facts, FleetRounds rounds, Instant requestedEnd) {
    Instant now = facts.serverNow();
    Instant end = requestedEnd == null || requestedEnd.isAfter(now) ? now : requestedEnd;
    List<ProbeLine> lines = new ArrayList<>();
    for (ArrivalFacts.ProbeArrival a : facts.probes().values()) lines.add(line(a, facts, rounds, now, end));
    for (Map.Entry<String, Instant> s : facts.silent().entrySet()) lines.add(silent(s.getKey(), s.getValue(), facts));
    lines.sort(java.util.Comparator.comparing(ProbeLine::probe));
    return new Arrival(now, end, lines);
  }

  private static ProbeLine line(ArrivalFacts.ProbeArrival a, ArrivalFacts facts, FleetRounds rounds, Instant now,
                                Instant end) {
    long intervalMs = rounds.typicalIntervalMs(a.probe());
    Duration interval = intervalMs > 0 ? Duration.ofMillis(intervalMs) : null;
    // "Late" starts where the schedule makes a delay more than batching and backoff: two rounds, at least 5 min.
    Duration lateAfter = ArrivalFacts.DELAY_BOUNDS.get(ArrivalFacts.DELAY_BOUNDS.size() - 1);
    int bucket = ArrivalFacts.DELAY_BOUNDS.size() - 1;
    Duration wanted = interval == null ? Duration.ofMinutes(15) : max(interval.multipliedBy(2), Duration.ofMinutes(5));
    for (int i = 0; i < ArrivalFacts.DELAY_BOUNDS.size(); i++) {
      if (ArrivalFacts.DELAY_BOUNDS.get(i).compareTo(wanted) >= 0) {
        lateAfter = ArrivalFacts.DELAY_BOUNDS.get(i);
        bucket = i;
        break;
      }
    }
    long late = a.longerThan().get(bucket);
    Duration silence = Duration.between(a.lastMeasured(), end);
    boolean silent = interval != null
        && silence.compareTo(interval.multipliedBy(DetectionSettings.GAP_MEDIANS)) > 0;
    boolean mayStillArrive = Duration.between(end, now).compareTo(a.maxDelay()) < 0;
    String failures = failures(a.probe(), facts);
    State state;
    StringBuilder b = new StringBuilder(a.probe()).append(": ");
    if (silent) {
      state = State.SILENT;
      b.append("nothing measured after ").append(TimeText.instant(a.lastMeasured())).append(" UTC, ")
          .append(TimeText.duration(silence)).append(" before the window's end, although it measured every ")
          .append(TimeText.duration(interval)).append(": its measurements may still be on their way (a probe keeps"
              + " them until they are delivered), or it stopped measuring");
      if (late > 0) {
        b.append("; ").append(lateOf(late, a.rows())).append(" in this window arrived more than ")
            .append(TimeText.duration(lateAfter)).append(" after ").append(Plural.verb(late, "it was", "they were"))
            .append(" measured (up to ")
            .append(TimeText.duration(a.maxDelay())).append(" late)");
      }
    } else if (late > 0 && mayStillArrive) {
      state = State.ARRIVING;
      b.append(lateOf(late, a.rows())).append(" in this window arrived more than ")
          .append(TimeText.duration(lateAfter)).append(" after ").append(Plural.verb(late, "it was", "they were"))
          .append(" measured (up to ")
          .append(TimeText.duration(a.maxDelay())).append(" late); the window ended ")
          .append(TimeText.duration(Duration.between(end, now))).append(" ago, so more may still arrive");
    } else if (late > 0) {
      state = State.LATE_ARRIVED;
      b.append(lateOf(late, a.rows())).append(" in this window arrived more than ")
          .append(TimeText.duration(lateAfter)).append(" after ").append(Plural.verb(late, "it was", "they were"))
          .append(" measured (up to ")
          .append(TimeText.duration(a.maxDelay())).append(" late); the window ended longer ago than that");
    } else {
      state = State.CURRENT;
      b.append("up to date: last measured ").append(TimeText.instant(a.lastMeasured())).append(" UTC, received ")
          .append(TimeText.instant(a.lastReceived())).append(" UTC; no measurement arrived more than ")
          .append(TimeText.duration(lateAfter)).append(" late");
      if (interval == null) b.append(" (too few rounds to know its schedule)");
    }
    b.append(failures).append('.');
    return new ProbeLine(a.probe(), state, a.rows(), a.lastMeasured(), a.lastReceived(), a.maxDelay(), late,
        lateAfter, interval, episodes(a.probe(), facts), b.toString());
  }

  private static ProbeLine silent(String probe, Instant last, ArrivalFacts facts) {
    String sentence = probe + ": no measurement in this window" + (last == null ? " and none before it"
        : " (its last: " + TimeText.instant(last) + " UTC)") + ": its measurements may still be on their way, or it"
        + " stopped measuring" + failures(probe, facts) + ".";
    return new ProbeLine(probe, State.SILENT, 0, last, null, null, 0, null, null, episodes(probe, facts), sentence);
  }

  private static List<ArrivalFacts.UploadEpisode> episodes(String probe, ArrivalFacts facts) {
    return facts.uploadFailures().stream().filter(e -> e.probe().equals(probe)).toList();
  }

  /** "; it reported failed uploads from .. to .. (connect_timeout, 12 attempts)": facts about its path, not verdicts. */
  private static String failures(String probe, ArrivalFacts facts) {
    List<ArrivalFacts.UploadEpisode> own = episodes(probe, facts);
    if (own.isEmpty()) return "";
    List<String> parts = new ArrayList<>();
    for (ArrivalFacts.UploadEpisode e : own.subList(Math.max(0, own.size() - 3), own.size())) {
      parts.add((e.endedAt() == null ? "since " + TimeText.instant(e.startedAt()) + " UTC"
          : TimeText.span(e.startedAt(), e.endedAt())) + " (" + e.reason() + ", " + Plural.count(e.attempts(), "attempt") + ")");
    }
    return "; it reported failed uploads to the central store " + String.join(", ", parts)
        + (own.size() > 3 ? " and " + (own.size() - 3) + " earlier" : "");
  }

  /** "3 of its 40 measurements", "its one measurement", never "1 of its 1 measurements". */
  private static String lateOf(long late, long rows) {
    return late == rows ? (rows == 1 ? "its one measurement" : "all " + rows + " of its measurements")
        : late + " of its " + Plural.count(rows, "measurement");
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
