package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.MetricsServer;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.metrics.StatusHistory;
import org.censorprobe.probe.metrics.WebConfig;
import org.censorprobe.probe.round.ClassifyingInterpreter;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.schedule.Daemon;
import org.censorprobe.probe.schedule.EngineRounds;
import org.censorprobe.probe.schedule.Jitter;
import org.censorprobe.probe.schedule.ReloadTriggers;
import org.censorprobe.probe.schedule.RoundExecution;
import org.censorprobe.probe.schedule.RoundGuard;
import org.censorprobe.probe.schedule.Signals;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.Retention;
import org.censorprobe.probe.store.StoreException;
import org.censorprobe.probe.store.StoreLimits;
import org.censorprobe.probe.upload.Uploader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"Measure every platform on its schedule, store every measurement, serve metrics.",
        "SIGHUP or a change of the config file reloads it (a bad file is refused, the old config keeps running);",
        "SIGTERM/SIGINT stop gracefully (exit 0). Exit codes: 0 stopped, 1 failed (an unusable store, a port in",
        "use), 2 usage or configuration error (the config, the web config, an option, a store directory that does",
        "not exist)."})
public final class RunCommand implements Callable<Integer> {
  /** The store when neither --store nor {@code store:} in the config says otherwise. */
  public static final String DEFAULT_STORE = "data/censorprobe.db";
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOption config;

  @Option(names = "--store", paramLabel = "FILE",
      description = "SQLite store; its directory must exist (default: store: in the config, else " + DEFAULT_STORE
          + ", whose data/ directory is created when missing).")
  Path store;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + MetricsServer.DEFAULT_PORT,
      description = "Metrics and status listener, an IP literal and a port; ':PORT' for every interface "
          + "(default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--web-config", paramLabel = "FILE",
      description = "TLS and basic auth for the listener: Prometheus exporter-toolkit's web-config.yml "
          + "(docs/operations.md; default: none).")
  Path webConfig;

  @Option(names = "--resolv-conf", paramLabel = "FILE", defaultValue = "/etc/resolv.conf",
      description = "Where the system resolver's nameservers are listed (default: ${DEFAULT-VALUE}).")
  Path resolvConf;

  @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "90d", converter = DurationConverter.class,
      description = "Delete measurements older than this (e.g. 90d, 12w; default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--stop-deadline", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "On SIGTERM, how long rounds in flight may take to finish (default: ${DEFAULT-VALUE}).")
  Duration stopDeadline;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ConfigOption.Loaded loaded = config.loadOrReport(err);
    if (loaded == null) return Main.EXIT_BAD_CONFIG;
    ProbeConfig cfg = loaded.config();
    Duration keep = retention;
    Duration deadline = stopDeadline;
    InetSocketAddress address;
    WebConfig web;
    try {
      address = listenAddress(listen);
      web = webConfig == null ? WebConfig.NONE : WebConfig.load(webConfig);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    }
    Path storeFile = store != null ? store : Path.of(cfg.store() != null ? cfg.store() : DEFAULT_STORE);
    String storeProblem = storeDirectoryProblem(storeFile);
    if (storeProblem != null) {
      err.println(storeProblem);
      err.flush();
      return Main.EXIT_USAGE;
    }

    Clock clock = Clock.systemUTC();
    CountDownLatch stop = new CountDownLatch(1);
    // Before anything slow, so an early SIGTERM is a graceful stop too. Where the JVM keeps TERM for itself,
    // a shutdown hook stops gracefully (the exit status is then the JVM's 143).
    boolean term = Signals.handle("TERM", stop::countDown);
    boolean intr = Signals.handle("INT", stop::countDown);

    MeasurementStore measurements;
    try {
      measurements = MeasurementStore.open(storeFile, "censorprobe " + Version.current());
    } catch (StoreException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    ProbeMetrics metrics = new ProbeMetrics(Version.current());
    StatusHistory.seed(metrics, measurements, clock);
    MetricsServer listener;
    try {
      listener = MetricsServer.start(address, web, metrics, Version.current());
    } catch (IllegalArgumentException | java.io.IOException e) {
      measurements.close();
      err.println("cannot listen on " + listen + ": " + e.getMessage());
      err.flush();
      return e instanceof IllegalArgumentException ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
    }
    // store: and upload: are read at start (a reload does not move the store or its outbox).
    measurements.limits(new StoreLimits(cfg.storeMaxBytes(), cfg.upload() != null));
    try (measurements;
         MetricsServer server = listener;
         Retention pruner = new Retention(measurements, keep, clock);
         Uploader uploader = new Uploader(measurements, cfg.upload(), cfg.probe().id(), metrics, clock,
             new SecureRandom(), Uploader.Hooks.NONE)) {
      pruner.start();
      uploader.start();
      if (cfg.upload() != null) LOG.info("upload: forwarding to {} as {}", cfg.upload().label(), cfg.upload().user());
      RoundExecution execution = new RoundExecution(measurements, metrics, new RoundGuard(),
          new Jitter(new SecureRandom()), uploader::nudge, RoundExecution.COLLECT_HEAP);
      // A reload checks the fingerprint files too: a broken one refuses the new config like a YAML error.
      Daemon.ConfigSource source = file -> {
        ProbeConfig c = ConfigLoader.load(file);
        Fingerprints.load(c.classifier());
        return c;
      };
      Daemon daemon = new Daemon(config.file, source, c -> new EngineRounds(c, resolvConf,
          k -> new ClassifyingInterpreter(new Classifier(k.classifier(), Fingerprints.load(k.classifier())), clock),
          clock), execution, metrics, clock);
      daemon.start(cfg);
      String host = server.address().getAddress().getHostAddress();
      LOG.info("censorprobe {} listening on {}://{}:{}/metrics, store {}", Version.current(),
          web.tlsEnabled() ? "https" : "http", host.contains(":") ? "[" + host + "]" : host, server.address().getPort(),
          storeFile);
      Thread hook = null;
      if (!term || !intr) {
        hook = new Thread(() -> stopQuietly(daemon, deadline), "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
      }
      try (ReloadTriggers reloads = new ReloadTriggers(daemon)) {
        if (!reloads.onSighup()) LOG.warn("SIGHUP not available here: the config reloads on file change only");
        reloads.watch(config.file);
        stop.await();
        LOG.info("stopping: no new rounds; waiting up to {}s for rounds in flight", deadline.toSeconds());
        boolean clean = daemon.stop(deadline);
        uploader.stopWithFinalPass();
        LOG.info("stopped{}", clean ? "" : " (rounds cut at the deadline)");
      }
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
      }
    }
    return 0;
  }

  private static void stopQuietly(Daemon daemon, Duration deadline) {
    try {
      daemon.stop(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Only the default store's {@code data/} (in the working directory, as a fresh clone or a service's state
   * directory starts) is created when missing: any other directory must exist, so that a typo in --store or
   * {@code store:} is an error, not a new empty store somewhere unexpected while the real history sits elsewhere.
   */
  static String storeDirectoryProblem(Path storeFile) {
    Path dir = storeFile.toAbsolutePath().getParent();
    if (dir == null || Files.isDirectory(dir)) return null;
    if (storeFile.normalize().equals(Path.of(DEFAULT_STORE))) return null;
    return storeFile + ": the store's directory " + dir + " does not exist (create it, or give a store in an "
        + "existing directory; only the default " + DEFAULT_STORE + " has its directory created)";
  }

  static InetSocketAddress listenAddress(String text) {
    return ListenAddress.parse("--listen", text);
  }
}
