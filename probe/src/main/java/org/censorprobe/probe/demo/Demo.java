package org.censorprobe.probe.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.MetricsServer;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.censorprobe.probe.metrics.StatusHistory;
import org.censorprobe.probe.metrics.WebConfig;
import org.censorprobe.probe.round.ClassifyingInterpreter;
import org.censorprobe.probe.schedule.Daemon;
import org.censorprobe.probe.schedule.EngineRounds;
import org.censorprobe.probe.schedule.Jitter;
import org.censorprobe.probe.schedule.RoundExecution;
import org.censorprobe.probe.schedule.RoundGuard;
import org.censorprobe.probe.store.MeasurementStore;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code probe demo}, running: the world, and the real daemon measuring it (the same Daemon, rounds, classifier,
 * SQLite store, metrics listener and status page as {@code probe run}), wired to the world's resolver instead of
 * /etc/resolv.conf. Every config it loads, at start or on reload, passes {@link LoopbackConfig}; every round
 * passes {@link LoopbackAudit}, and one that fails it stops the demo.
 */
public final class Demo implements AutoCloseable {
  public static final String STORE_FILE = "demo.db";
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /**
   * @param dir where the store, targets.yaml and the CA's PEM go (must exist)
   * @param listen the status page and metrics listener: a loopback address
   * @param every the schedule of rounds
   * @param roundsPerAct stored rounds between two acts of the censor
   * @param version the probe's version, for the metrics and the status page
   */
  public record Settings(Path dir, InetSocketAddress listen, Duration every, int roundsPerAct, String version) {}

  private final DemoWorld world;
  private final MeasurementStore store;
  private final MetricsServer server;
  private final Daemon daemon;
  private final CountDownLatch stopRequested;
  private final AtomicReference<String> violation;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Demo(DemoWorld world, MeasurementStore store, MetricsServer server, Daemon daemon,
               CountDownLatch stopRequested, AtomicReference<String> violation) {
    this.world = world;
    this.store = store;
    this.server = server;
    this.daemon = daemon;
    this.stopRequested = stopRequested;
    this.violation = violation;
  }

  /**
   * Starts the world, opens the store, starts the listener and the daemon; the first round fires at once.
   *
   * @throws LoopbackViolation when {@code listen} is not loopback
   * @throws IOException the listener's port is taken, or the world could not start
   */
  public static Demo start(Settings s, PrintWriter out) throws IOException, ConfigException, SchedulerException {
    Loopback.require(s.listen(), "the status page listener (--listen)");
    Clock clock = Clock.systemUTC();
    DemoWorld world = DemoWorld.start(s.dir(), s.every(), s.roundsPerAct(), out);
    MeasurementStore store = null;
    MetricsServer server = null;
    try {
      Daemon.ConfigSource source = file -> {
        ProbeConfig c = LoopbackConfig.check(ConfigLoader.check(file));
        Fingerprints.load(c.classifier()); // a broken fingerprint file refuses the config, as in `probe run`
        return c;
      };
      ProbeConfig config = source.load(world.configFile());
      store = MeasurementStore.open(s.dir().resolve(STORE_FILE), "censorprobe " + s.version());
      ProbeMetrics metrics = new ProbeMetrics(s.version());
      StatusHistory.seed(metrics, store, clock);
      server = MetricsServer.start(s.listen(), WebConfig.NONE, metrics, s.version());
      CountDownLatch stopRequested = new CountDownLatch(1);
      AtomicReference<String> violation = new AtomicReference<>();
      RoundExecution execution = new RoundExecution(store, metrics, new RoundGuard(),
          new Jitter(new SecureRandom()), world::roundStored,
          RoundExecution.COLLECT_HEAP);
      Daemon daemon = new Daemon(world.configFile(), source, c -> new LoopbackAudit(
          new EngineRounds(c, world.systemNameservers(), k -> new ClassifyingInterpreter(
              new Classifier(k.classifier(), Fingerprints.load(k.classifier())), clock), clock),
          what -> {
            LOG.error("demo: stopping: {}", what);
            violation.compareAndSet(null, what);
            stopRequested.countDown();
          }), execution, metrics, clock);
      daemon.start(config);
      return new Demo(world, store, server, daemon, stopRequested, violation);
    } catch (IOException | ConfigException | SchedulerException | RuntimeException e) {
      if (server != null) server.close();
      if (store != null) store.close();
      world.close();
      throw e;
    }
  }

  public DemoWorld world() {
    return world;
  }

  public Daemon daemon() {
    return daemon;
  }

  public Path store() {
    return store.file();
  }

  /** The status page. */
  public URI page() {
    InetSocketAddress a = server.address();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
  }

  /** Counted down when the demo must stop on its own (a round that reached beyond loopback). */
  public CountDownLatch stopRequested() {
    return stopRequested;
  }

  /** What reached beyond loopback, or null: the reason the demo stopped on its own. */
  public String violation() {
    return violation.get();
  }

  public boolean awaitRounds(int n, Duration timeout) throws InterruptedException {
    return world.awaitRounds(n, timeout);
  }

  /** No new rounds; those in flight get {@code deadline} to finish and be stored; then everything closes. */
  public boolean stop(Duration deadline) throws InterruptedException {
    try {
      return daemon.stop(deadline);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      daemon.stop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    store.close();
    world.close();
  }
}
