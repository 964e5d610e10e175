package org.censorprobe.reporter.read;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When the central store received each probe's measurements of the report's window, read beside them: only the
 * central store knows ({@code received_at}, the server's clock). {@code serverNow} is the server's clock at the
 * read, the one {@code received_at} is compared with. {@code silent} are probes with rows in the store but none in
 * the window (with their last measurement before its end, null when none). {@code uploadFailures} are the episodes
 * of failed uploads the probes reported for the window: facts about the path to the central store, not verdicts.
 */
public record ArrivalFacts(Instant serverNow, Map<String, ProbeArrival> probes, Map<String, Instant> silent,
                           List<UploadEpisode> uploadFailures) {
  /** Upper bounds of the delay buckets: a delay falls in the first whose bound exceeds it, else in the last. */
  public static final List<Duration> DELAY_BOUNDS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));

  public ArrivalFacts {
    probes = Map.copyOf(probes);
    silent = Map.copyOf(silent);
    uploadFailures = List.copyOf(uploadFailures);
  }

  /**
   * One probe's rows in the window: how many, the last measured and the last received, the longest delay between
   * the two (and when the row that waited longest was measured), and how many rows waited longer than each of
   * {@link #DELAY_BOUNDS} ({@code longerThan[i]}).
   */
  public record ProbeArrival(String probe, long rows, Instant lastMeasured, Instant lastReceived, Duration maxDelay,
                             Instant maxDelayMeasuredAt, List<Long> longerThan) {
    public ProbeArrival {
      longerThan = List.copyOf(longerThan);
    }
  }

  /** A probe's episode of failed uploads; {@code endedAt} null when the probe had not recovered when it told. */
  public record UploadEpisode(String probe, Instant startedAt, Instant lastFailedAt, Instant endedAt, int attempts,
                              String reason) {}
}
