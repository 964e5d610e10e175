package org.censorprobe.probe.schedule;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.censorprobe.probe.classify.Verdict;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.store.MeasurementStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one firing does: wait the platform's jitter, measure (the platform and every control), store the round in
 * one transaction, then update the metrics. Metrics and the "stored" log line come only after the commit, so
 * neither ever claims a measurement that a crash could still lose.
 */
public final class RoundExecution {
  /** What became of a firing (for tests and the log). */
  public enum Outcome { STORED, SKIPPED_OVERLAP, SKIPPED_CLOSING, SKIPPED_UNKNOWN_PLATFORM, FAILED }

  private static final Logger LOG = LoggerFactory.getLogger(RoundExecution.class);

  private final MeasurementStore store;
  private final ProbeMetrics metrics;
  private final RoundGuard guard;
  private final Jitter jitter;

  public RoundExecution(MeasurementStore store, ProbeMetrics metrics, RoundGuard guard, Jitter jitter) {
    this.store = store;
    this.metrics = metrics;
    this.guard = guard;
    this.jitter = jitter;
  }

  Outcome fire(Generation gen, String platformId) {
    Platform platform = gen.platform(platformId).orElse(null);
    if (platform == null) return Outcome.SKIPPED_UNKNOWN_PLATFORM;
    Duration wait = jitter.offset(PlatformTriggers.scheduleOf(platform, gen.config).jitter());
    try {
      if (gen.closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) return Outcome.SKIPPED_CLOSING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.SKIPPED_CLOSING;
    }
    return measure(gen, platform);
  }

  /** The round itself, without jitter. */
  Outcome measure(Generation gen, Platform platform) {
    // Entered before the closing check, so a stop that sees no round in flight can be sure none starts.
    gen.inFlight.enter();
    try {
      if (gen.isClosing()) return Outcome.SKIPPED_CLOSING;
      if (!guard.tryStart(platform.id())) {
        LOG.info("platform {}: previous round still running, skipping this one", platform.id());
        return Outcome.SKIPPED_OVERLAP;
      }
      try {
        return measureGuarded(gen, platform);
      } finally {
        guard.finish(platform.id());
      }
    } finally {
      gen.inFlight.exit();
    }
  }

  private Outcome measureGuarded(Generation gen, Platform platform) {
    long start = System.nanoTime();
    RoundRunner.RoundReport report;
    try {
      report = gen.rounds.run(List.of(platform));
    } catch (RuntimeException e) {
      LOG.error("platform {}: round failed: {}", platform.id(), e.toString());
      return Outcome.FAILED;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("round {} platform={} {} in {}s", report.roundId(), platform.id(), summary(report.measurements()),
        String.format(java.util.Locale.ROOT, "%.2f", seconds));
    int n;
    try {
      n = store.storeRound(report.measurements());
    } catch (RuntimeException e) {
      LOG.error("round {}: NOT stored: {}", report.roundId(), e.getMessage());
      return Outcome.FAILED;
    }
    LOG.info("stored {} measurements of round {}", n, report.roundId());
    metrics.recordRound(report.measurements());
    return Outcome.STORED;
  }

  /** {@code endpoints=3 ok=2 blocked=0 technical=1 inconclusive=0 controls=2}: platform endpoints only. */
  static String summary(List<Measurement> ms) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) counts.put(v, 0);
    int endpoints = 0;
    int controls = 0;
    for (Measurement m : ms) {
      if (Measurement.ROLE_CONTROL.equals(m.role())) {
        controls++;
        continue;
      }
      endpoints++;
      counts.merge(m.classification().verdict(), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder("endpoints=").append(endpoints);
    for (var e : counts.entrySet()) b.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
    return b.append(" controls=").append(controls).toString();
  }
}
