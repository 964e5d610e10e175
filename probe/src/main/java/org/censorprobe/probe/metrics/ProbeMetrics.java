package org.censorprobe.probe.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.format.record.Measurement;

/**
 * The probe's series (names and labels are an interface: docs/operations.md). Labels come only from the config
 * (platform ids, endpoint specs) and from fixed vocabularies (verdicts, methods, steps): never addresses or error
 * text, so the series count is bounded by the config.
 *
 * <p>The verdict gauges are state sets written as plain gauges with a {@code verdict} label (OpenMetrics'
 * stateset type would name the label after the metric): for every endpoint all four verdicts are present and
 * exactly one is 1. Updated only after the round's measurements were committed to the store.
 */
public final class ProbeMetrics {
  /** Method label for a measurement without one (a plain ok). */
  public static final String NO_METHOD = "none";
  private static final String LOCAL_NETWORK_UP = "up";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final StatusBoard board = new StatusBoard();

  private final Gauge verdict;
  private final Gauge resolverVerdict;
  private final Gauge platformVerdict;
  private final Counter measurements;
  private final Gauge stepSuccess;
  private final Gauge stepDuration;
  private final Gauge lastMeasurement;
  /** Registered at the first round with controls: absent (not 0) while nothing is known about the network. */
  private Gauge localNetworkUp;
  private final Gauge reloadSuccessful;
  private final Gauge reloadSuccessTime;

  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Called, on the updating thread, after every change (the listener must not call back into an update). */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  private void changed() {
    generation.incrementAndGet(); // after the change: a scrape rendered meanwhile is not kept as current
    for (Runnable r : changeListeners) r.run();
  }

  public ProbeMetrics(String version) {
    PrometheusRegistry r = registry.getPrometheusRegistry();
    verdict = Gauge.builder().name("censorprobe_verdict")
        .help("Latest verdict of an endpoint: one series per verdict, exactly one is 1")
        .labelNames("platform", "endpoint", "verdict").withoutExemplars().register(r);
    resolverVerdict = Gauge.builder().name("censorprobe_resolver_verdict")
        .help("Latest verdict on a resolver itself (reachable from this network, answers untampered): one series per"
            + " verdict, exactly one is 1")
        .labelNames("resolver", "role", "verdict").withoutExemplars().register(r);
    platformVerdict = Gauge.builder().name("censorprobe_platform_verdict")
        .help("Latest roll-up verdict of a platform: one series per verdict, exactly one is 1")
        .labelNames("platform", "verdict").withoutExemplars().register(r);
    measurements = Counter.builder().name("censorprobe_measurements")
        .help("Measurements stored, by verdict and method (method none when the verdict has none)")
        .labelNames("platform", "verdict", "method").withoutExemplars().register(r);
    stepSuccess = Gauge.builder().name("censorprobe_step_success")
        .help("1 if the step succeeded in the endpoint's latest measurement")
        .labelNames("platform", "endpoint", "step").withoutExemplars().register(r);
    stepDuration = Gauge.builder().name("censorprobe_step_duration_seconds")
        .help("Duration of the step in the endpoint's latest measurement")
        .labelNames("platform", "endpoint", "step").withoutExemplars().register(r);
    lastMeasurement = Gauge.builder().name("censorprobe_last_measurement_timestamp_seconds")
        .help("When the endpoint's latest stored measurement started")
        .labelNames("platform", "endpoint").withoutExemplars().register(r);
    reloadSuccessful = Gauge.builder().name("censorprobe_config_last_reload_successful")
        .help("1 if the last configuration load succeeded").withoutExemplars().register(r);
    reloadSuccessTime = Gauge.builder().name("censorprobe_config_last_reload_success_timestamp_seconds")
        .help("When the configuration was last loaded successfully").withoutExemplars().register(r);
    Info build = Info.builder().name("censorprobe_build_info").help("The probe's version")
        .labelNames("version").register(r);
    build.setLabelValues(version);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Changes whenever a series may have changed. Every series here moves only when a round is recorded or the
   * config is (re)loaded, so a scrape body rendered at one generation stays right until the next: see
   * {@link ScrapeCache}. Anything that updates a meter must go through a method that bumps it.
   */
  public long generation() {
    return generation.get();
  }

  public StatusBoard board() {
    return board;
  }

  /** Endpoints and platforms of the running config; null until the first {@link #retain}. */
  private Set<List<String>> configuredEndpoints;

  /**
   * A round's measurements, after they were committed. Measurements of endpoints the running config no longer
   * has (a round of the previous config finishing after a reload) are stored but not shown.
   */
  public synchronized void recordRound(List<Measurement> all) {
    try {
      record(all);
    } finally {
      changed();
    }
  }

  private void record(List<Measurement> all) {
    for (Measurement m : all) {
      Judgement c = m.judgement();
      measurements.labelValues(m.platform(), c.verdict().label(), c.method() == null ? NO_METHOD : c.method().wire())
          .inc();
    }
    List<Measurement> round = all;
    if (configuredEndpoints != null) {
      round = all.stream().filter(m -> configuredEndpoints.contains(List.of(m.platform(), m.endpoint()))).toList();
    }
    for (Measurement m : round) {
      String platform = m.platform();
      String endpoint = m.endpoint();
      Judgement c = m.judgement();
      if (m.role() == Role.RESOLVER) {
        setStateSet(resolverVerdict, c.verdict(), endpoint, m.resolverRole().label());
        continue;
      }
      setStateSet(verdict, c.verdict(), platform, endpoint);
      if (c.platform() != null) setStateSet(platformVerdict, c.platform().interpretation().verdict(), platform);
      StepTimings steps = StepTimings.of(m.observations());
      for (String step : StepTimings.STEPS) {
        Boolean ok = steps.success().get(step);
        if (ok == null) stepSuccess.remove(platform, endpoint, step);
        else stepSuccess.labelValues(platform, endpoint, step).set(ok ? 1 : 0);
        Double sec = steps.seconds().get(step);
        if (sec == null) stepDuration.remove(platform, endpoint, step);
        else stepDuration.labelValues(platform, endpoint, step).set(sec);
      }
      lastMeasurement.labelValues(platform, endpoint).set(m.measuredAt().toEpochMilli() / 1000.0);
    }
    String local = localNetwork(round);
    if (local != null && !"unknown".equals(local)) localNetworkUp().set(LOCAL_NETWORK_UP.equals(local) ? 1 : 0);
    board.record(round, local == null ? null : LocalNetwork.fromLabel(local));
  }

  private synchronized Gauge localNetworkUp() {
    if (localNetworkUp == null) {
      localNetworkUp = Gauge.builder().name("censorprobe_local_network_up")
          .help("1 if every control was reachable in the latest round (the probe's own network works)")
          .withoutExemplars().register(registry.getPrometheusRegistry());
    }
    return localNetworkUp;
  }

  /**
   * The round's local-network state: the classifier's round summary when it wrote one, else derived from the
   * controls measured in the round (up when every one is ok). Null when the round had no controls.
   */
  static String localNetwork(List<Measurement> round) {
    for (Measurement m : round) {
      var r = m.judgement().round();
      if (r != null && r.controlsTotal() > 0) return r.localNetwork().label();
    }
    int total = 0;
    int ok = 0;
    for (Measurement m : round) {
      if (m.role() != Role.CONTROL) continue;
      total++;
      if (m.judgement().verdict() == Verdict.OK) ok++;
    }
    if (total == 0) return null;
    return ok == total ? LOCAL_NETWORK_UP : ok == 0 ? "down" : "degraded";
  }

  private static void setStateSet(Gauge g, Verdict current, String... labels) {
    for (Verdict v : Verdict.values()) {
      String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
      all[labels.length] = v.label();
      g.labelValues(all).set(v == current ? 1 : 0);
    }
  }

  /** At start and after a reload: drops the series of endpoints and platforms the config does not have. */
  public synchronized void retain(ProbeConfig config) {
    try {
      drop(config);
    } finally {
      changed();
    }
  }

  private void drop(ProbeConfig config) {
    Set<List<String>> endpoints = new HashSet<>();
    Set<String> platforms = new HashSet<>();
    for (Platform p : config.platforms()) {
      platforms.add(p.id());
      for (Endpoint e : p.endpoints()) endpoints.add(List.of(p.id(), e.spec()));
    }
    for (ControlTarget c : config.control().targets()) {
      endpoints.add(List.of(Measurement.CONTROL_PLATFORM, c.endpoint().spec()));
    }
    Set<String> resolvers = new HashSet<>();
    for (var r : config.localResolvers()) resolvers.add(r.label());
    if (config.control().resolver() != null) resolvers.add(config.control().resolver().label());
    for (String r : resolvers) endpoints.add(List.of(Measurement.RESOLVER_PLATFORM, r));
    java.util.function.Function<List<String>, Boolean> goneEndpoint =
        l -> !endpoints.contains(List.of(l.get(0), l.get(1)));
    verdict.removeIf(goneEndpoint);
    resolverVerdict.removeIf(l -> !resolvers.contains(l.get(0)));
    stepSuccess.removeIf(goneEndpoint);
    stepDuration.removeIf(goneEndpoint);
    lastMeasurement.removeIf(goneEndpoint);
    platformVerdict.removeIf(l -> !platforms.contains(l.get(0)));
    board.retain(endpoints, platforms);
    board.config(config.probe(), config.source() == null ? null : config.source().toString(),
        config.platforms().stream().map(Platform::id).toList());
    configuredEndpoints = Set.copyOf(endpoints);
  }

  // --- the store and its outbox (docs/operations.md, "Store-and-forward") ---

  private Gauge storeUsedBytes;
  private Gauge storeMaxBytes;
  private Gauge storeFull;
  private Counter storeCapDeleted;
  private long storeCapDeletedSeen;
  private Counter roundsNotStored;
  private Gauge outboxPending;
  private Gauge outboxOldest;
  private Gauge uploadLastSuccess;
  private Counter uploadFailures;
  private Counter uploaded;

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).withoutExemplars().register(registry.getPrometheusRegistry());
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars()
        .register(registry.getPrometheusRegistry());
  }

  /**
   * The store's size against its cap and, with an outbox ({@code outbox} not null), what the central store is
   * missing. The oldest pending row is a timestamp: its age is {@code time() - ...} in PromQL, always current
   * however rarely this is called.
   */
  public synchronized void storeAndOutbox(org.censorprobe.probe.store.StoreStatus store,
                                          org.censorprobe.probe.store.OutboxState outbox) {
    try {
      if (storeUsedBytes == null) {
        storeUsedBytes = gauge("censorprobe_store_used_bytes", "Bytes of the SQLite store holding data");
        storeFull = gauge("censorprobe_store_full",
            "1 if the latest round was not stored because the store is at its cap with only undelivered rows left");
        storeCapDeleted = counter("censorprobe_store_cap_deleted_measurements",
            "Measurements deleted before their retention age to stay under the cap (delivered ones, with an outbox)");
      }
      storeUsedBytes.set(store.usedBytes());
      storeFull.set(store.full() ? 1 : 0);
      if (store.cappedRows() > storeCapDeletedSeen) {
        storeCapDeleted.inc(store.cappedRows() - storeCapDeletedSeen);
        storeCapDeletedSeen = store.cappedRows();
      }
      if (store.maxBytes() > 0) {
        if (storeMaxBytes == null) storeMaxBytes = gauge("censorprobe_store_max_bytes", "The store's cap (store.max_size)");
        storeMaxBytes.set(store.maxBytes());
      }
      if (outbox != null) {
        if (outboxPending == null) {
          outboxPending = gauge("censorprobe_outbox_pending",
              "Measurements the central store does not have in their current revision");
        }
        outboxPending.set(outbox.pending());
        // Registered only while something is pending: absent, not a stale or invented time, when nothing is.
        if (outbox.oldestPending() == null) {
          if (outboxOldest != null) registry.getPrometheusRegistry().unregister(outboxOldest);
          outboxOldest = null;
        } else {
          if (outboxOldest == null) {
            outboxOldest = gauge("censorprobe_outbox_oldest_pending_timestamp_seconds",
                "When the oldest pending measurement was measured (absent when none is pending)");
          }
          outboxOldest.set(outbox.oldestPending().toEpochMilli() / 1000.0);
        }
      }
    } finally {
      changed();
    }
  }

  private Counter uploadFailures() {
    if (uploadFailures == null) {
      uploadFailures = counter("censorprobe_upload_failures", "Failed upload passes, by reason", "reason");
      uploaded = counter("censorprobe_uploaded_measurements", "Measurements the central store committed");
      uploadLastSuccess = gauge("censorprobe_upload_last_success_timestamp_seconds",
          "When an upload pass last completed (everything pending forwarded)");
    }
    return uploadFailures;
  }

  public synchronized void uploadSucceeded(Instant at) {
    uploadFailures();
    uploadLastSuccess.set(at.toEpochMilli() / 1000.0);
    changed();
  }

  public synchronized void uploaded(int rows) {
    uploadFailures();
    uploaded.inc(rows);
    changed();
  }

  public synchronized void uploadFailed(String reason) {
    uploadFailures().labelValues(reason).inc();
    changed();
  }

  /** A round measured and not stored (reason: {@code store_full}, {@code store_error}). */
  public synchronized void roundNotStored(String reason) {
    if (roundsNotStored == null) {
      roundsNotStored = counter("censorprobe_rounds_not_stored", "Rounds measured but not stored, by reason",
          "reason");
    }
    roundsNotStored.labelValues(reason).inc();
    changed();
  }

  public void configLoaded(Instant at) {
    reloadSuccessful.set(1);
    reloadSuccessTime.set(at.toEpochMilli() / 1000.0);
    board.configLoaded(at);
    changed();
  }

  /** A reload refused at {@code at}; {@code problems} as the log says them, for the status page. */
  public void configRefused(Instant at, List<String> problems) {
    reloadSuccessful.set(0);
    board.configRefused(at, problems);
    changed();
  }
}
