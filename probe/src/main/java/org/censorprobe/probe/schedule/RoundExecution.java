package org.censorprobe.probe.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.config.Platform;
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
  private final Runnable collector;

  /**
   * The daemon's collector: a full collection of the heap ({@code System.gc()}), run between rounds.
   *
   * <p>A round's records stay reachable until it is stored, so the young generation promotes them as the round
   * goes (about 1 MB per young collection at 1,000 endpoints), and the old generation fills until the JVM makes a
   * full collection. Left to itself, it made one inside a round in 37 of 54 rounds on the bench (1,000 endpoints,
   * the launcher's flags): 35-50 ms in which every thread stops, and every operation in flight (up to
   * {@code concurrency} connects, handshakes, DNS exchanges and body reads) has the pause added to its recorded
   * duration, and a transfer rate read from it is that much slower. Collecting once the round is stored, when its
   * records have just become garbage and nothing is being timed, moved it out of all but 3 of 30 rounds
   * (bench/README.md). It costs one full collection per round, which the JVM was making in most rounds anyway. The
   * young generation's short pauses (about 5 ms each) still fall inside rounds.
   */
  public static final Runnable COLLECT_HEAP = System::gc;

  public RoundExecution(MeasurementStore store, ProbeMetrics metrics, RoundGuard guard, Jitter jitter) {
    this(store, metrics, guard, jitter, () -> { }, () -> { });
  }

  /**
   * @param afterStore run after each round's commit (the uploader's nudge)
   * @param collector run after each round's store, or failure to store, when no other round is measuring
   *     ({@link #COLLECT_HEAP} in the daemon)
   */
  public RoundExecution(MeasurementStore store, ProbeMetrics metrics, RoundGuard guard, Jitter jitter,
                        Runnable afterStore, Runnable collector) {
    this.store = store;
    this.metrics = metrics;
    this.guard = guard;
    this.jitter = jitter;
    this.afterStore = afterStore;
    this.collector = collector;
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
    RoundLine line = roundLine(report.roundId(), report.measurements(), seconds);
    if (line.warn()) {
      LOG.warn(line.text());
    } else {
      LOG.info(line.text());
    }
    try {
      return store(report);
    } finally {
      // The round's records are garbage from here on, stored or not. Only this round in flight: a round of another
      // group still measuring would take the pause into its timings.
      if (gen.inFlight.count() == 1) collector.run();
    }
  }

  private Outcome store(RoundRunner.RoundReport report) {
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

  /** The one log line of a round, and whether it is a warning (the probe's own network is out). */
  record RoundLine(boolean warn, String text) {}

  /**
   * {@code round ID: 14 platforms, 30 endpoints; blocked: facebook (tls.sni_filtered); technical: vk
   * (target.down); controls 3/3 ok; 4.21s}. Platforms are named under their roll-up verdict as the classifier gave
   * it: nothing is called blocked that the verdict does not call blocked. A round whose controls say the probe's
   * own network is down (or cut from abroad) is a warning, whatever its platforms show.
   */
  static RoundLine roundLine(String roundId, List<Measurement> ms, double seconds) {
    Map<String, PlatformVerdict> rollups = new LinkedHashMap<>();
    List<String> resolvers = new ArrayList<>();
    int endpoints = 0;
    RoundContext summary = null;
    for (Measurement m : ms) {
      if (summary == null && m.judgement().round() != null) summary = m.judgement().round();
      if (m.role() == Role.RESOLVER) {
        var j = m.judgement();
        if (j.verdict() != Verdict.OK) {
          resolvers.add(m.endpoint() + " " + j.verdict().label() + (j.method() == null ? "" : " (" + j.method() + ")"));
        }
        continue;
      }
      if (m.role() != Role.PLATFORM) continue;
      endpoints++;
      if (m.judgement().platform() != null) rollups.putIfAbsent(m.platform(), m.judgement().platform());
    }
    StringBuilder b = new StringBuilder("round ").append(roundId).append(": ");
    LocalNetwork local = summary == null ? LocalNetwork.UNKNOWN : summary.localNetwork();
    boolean outage = local == LocalNetwork.DOWN || local == LocalNetwork.GATEWAY_CUT;
    if (local == LocalNetwork.DOWN) {
      b.append("local network down (nothing in the round got a response; nothing in it is read as blocking); ");
    } else if (local == LocalNetwork.GATEWAY_CUT) {
      b.append("international link down (every international control failed, a domestic one works); ");
    }
    b.append(plural(rollups.size(), "platform")).append(", ").append(plural(endpoints, "endpoint"));
    boolean anyFailing = false;
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE)) {
      List<String> named = new ArrayList<>();
      for (var e : rollups.entrySet()) {
        var pv = e.getValue().interpretation();
        if (pv.verdict() != v) continue;
        named.add(pv.method() == null ? e.getKey() : e.getKey() + " (" + pv.method() + ")");
      }
      if (named.isEmpty()) continue;
      anyFailing = true;
      b.append("; ").append(v.label()).append(": ").append(String.join(", ", named));
    }
    if (!anyFailing && !rollups.isEmpty()) b.append("; all ok");
    if (!resolvers.isEmpty()) b.append("; resolvers: ").append(String.join(", ", resolvers));
    if (summary != null && summary.controlsTotal() > 0) {
      b.append("; controls ").append(summary.controlsOk()).append('/').append(summary.controlsTotal()).append(" ok");
    }
    b.append("; ").append(String.format(Locale.ROOT, "%.2f", seconds)).append('s');
    return new RoundLine(outage, b.toString());
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
