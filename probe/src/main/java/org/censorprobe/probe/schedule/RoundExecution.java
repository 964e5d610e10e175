package org.censorprobe.probe.schedule;

import java.time.Duration;
import java.util.ArrayList;
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
 * What one firing does: wait the group's jitter, measure (its platforms and every control), store the round in
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
  private final Runnable afterStore;

  public RoundExecution(MeasurementStore store, ProbeMetrics metrics, RoundGuard guard, Jitter jitter) {
    this(store, metrics, guard, jitter, () -> { });
  }

  /** @param afterStore run after each round's commit (the uploader's nudge) */
  public RoundExecution(MeasurementStore store, ProbeMetrics metrics, RoundGuard guard, Jitter jitter,
                        Runnable afterStore) {
    this.store = store;
    this.metrics = metrics;
    this.guard = guard;
    this.jitter = jitter;
    this.afterStore = afterStore;
  }

  /** @param groupKey a round group of the generation's config (a platform id when it has its own schedule) */
  Outcome fire(Generation gen, String groupKey) {
    List<Platform> platforms = gen.group(groupKey);
    if (platforms.isEmpty()) return Outcome.SKIPPED_UNKNOWN_PLATFORM;
    Duration wait = jitter.offset(PlatformTriggers.scheduleOf(platforms.get(0), gen.config).jitter());
    try {
      if (gen.closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) return Outcome.SKIPPED_CLOSING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.SKIPPED_CLOSING;
    }
    return measure(gen, platforms);
  }

  /** The round itself, without jitter. */
  Outcome measure(Generation gen, Platform platform) {
    return measure(gen, List.of(platform));
  }

  /** One round over {@code platforms}, less any whose previous round is still running. */
  Outcome measure(Generation gen, List<Platform> platforms) {
    // Entered before the closing check, so a stop that sees no round in flight can be sure none starts.
    gen.inFlight.enter();
    List<Platform> started = new ArrayList<>();
    try {
      if (gen.isClosing()) return Outcome.SKIPPED_CLOSING;
      for (Platform p : platforms) {
        if (guard.tryStart(p.id())) started.add(p);
        else LOG.info("platform {}: previous round still running, skipping this one", p.id());
      }
      if (started.isEmpty()) return Outcome.SKIPPED_OVERLAP;
      return measureGuarded(gen, started);
    } finally {
      for (Platform p : started) guard.finish(p.id());
      gen.inFlight.exit();
    }
  }

  private Outcome measureGuarded(Generation gen, List<Platform> platforms) {
    String ids = RoundGroups.key(platforms);
    long start = System.nanoTime();
    RoundRunner.RoundReport report;
    try {
      report = gen.rounds.run(platforms);
    } catch (RuntimeException e) {
      LOG.error("platforms {}: round failed: {}", ids, e.toString());
      return Outcome.FAILED;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("round {} platforms={} {} in {}s", report.roundId(), ids, summary(report.measurements()),
        String.format(java.util.Locale.ROOT, "%.2f", seconds));
    int n;
    try {
      n = store.storeRound(report.measurements());
    } catch (RuntimeException e) {
      LOG.error("round {}: NOT stored: {}", report.roundId(), e.getMessage());
      metrics.roundNotStored(e instanceof org.censorprobe.probe.store.StoreFullException ? "store_full" : "store_error");
      afterStore.run(); // the store's metrics say why
      return Outcome.FAILED;
    }
    LOG.info("stored {} measurements of round {}", n, report.roundId());
    metrics.recordRound(report.measurements());
    afterStore.run();
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
