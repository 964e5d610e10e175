package org.censorprobe.probe.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.metrics.ProbeMetrics;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code probe run}: schedules every platform's rounds, reloads the config on request, stops gracefully.
 *
 * <p>Each loaded config is a {@link Generation} with its own engine and its own Quartz scheduler (RAMJobStore,
 * one job per round group: the platforms sharing a schedule, see {@link RoundGroups}; a thread pool sized to the
 * groups, capped). A reload validates the new file first;
 * a bad file is refused with its file:line problems and the running generation keeps going.
 */
public final class Daemon {
  /** Loads and validates a config file (ConfigLoader::load in production). */
  @FunctionalInterface
  public interface ConfigSource {
    ProbeConfig load(Path file) throws ConfigException;
  }

  /** The result of a reload request. */
  public enum Reload { LOADED, REFUSED, UNCHANGED, STOPPING }

  /** Quartz threads only wait out jitter and hand rounds to the engine's tasks: a few dozen is plenty. */
  static final int MAX_SCHEDULER_THREADS = 32;
  /** A firing later than this counts as missed and gets the trigger's catch-up instruction. */
  static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(5);
  /** How long a retired config's in-flight rounds may run before its engine is closed under them. */
  static final Duration RETIRE_DEADLINE = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  /** Quartz keeps schedulers in a JVM-wide registry by name: names must never repeat within a JVM. */
  private static final java.util.concurrent.atomic.AtomicInteger SCHEDULERS = new java.util.concurrent.atomic.AtomicInteger();

  private final Path configFile;
  private final ConfigSource loader;
  private final Function<ProbeConfig, RoundSource> roundsFactory;
  private final RoundExecution execution;
  private final ProbeMetrics metrics;
  private final Clock clock;

  private final List<Generation> retiring = new ArrayList<>();
  private Generation current;
  private int generations;
  private byte[] lastDigest;
  private boolean stopping;

  public Daemon(Path configFile, ConfigSource loader, Function<ProbeConfig, RoundSource> roundsFactory,
                RoundExecution execution, ProbeMetrics metrics, Clock clock) {
    this.configFile = configFile;
    this.loader = loader;
    this.roundsFactory = roundsFactory;
    this.execution = execution;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Starts with an already validated config: every platform's first round fires now (plus its jitter). */
  public synchronized void start(ProbeConfig config) throws SchedulerException {
    lastDigest = digest(configFile);
    current = build(config, Map.of());
    current.scheduler.start();
    metrics.retain(config);
    metrics.configLoaded(clock.instant());
    LOG.info("running: {}, {}, config {}", RoundExecution.plural(config.platforms().size(), "platform"),
        RoundExecution.plural(config.control().targets().size(), "control"), configFile);
  }

  public synchronized ProbeConfig config() {
    return current.config;
  }

  /** Reloads only if the file's bytes changed since the last attempt (file watching sees unrelated events). */
  public synchronized Reload reloadIfChanged() {
    byte[] d = digest(configFile);
    if (d != null && lastDigest != null && MessageDigest.isEqual(d, lastDigest)) return Reload.UNCHANGED;
    return reload();
  }

  /** Validates the file, and only if it is good replaces the running config (SIGHUP, file change). */
  public synchronized Reload reload() {
    if (stopping) return Reload.STOPPING;
    lastDigest = digest(configFile);
    ProbeConfig config;
    try {
      config = loader.load(configFile);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) LOG.error("config refused: {}", p);
      LOG.error("config refused: keeping the running config ({} in {})",
          RoundExecution.plural(e.problems().size(), "problem"), configFile);
      metrics.configRefused(clock.instant(), e.problems().stream().map(ConfigProblem::toString).toList());
      return Reload.REFUSED;
    } catch (RuntimeException e) {
      LOG.error("config refused: {}: {}; keeping the running config", configFile, e.getMessage());
      metrics.configRefused(clock.instant(), List.of(configFile + ": " + e.getMessage()));
      return Reload.REFUSED;
    }
    Generation old = current;
    Generation next;
    try {
      next = build(config, nextFireTimes(old));
    } catch (SchedulerException | RuntimeException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.toString();
      LOG.error("config refused: {}: cannot start it: {}; keeping the running config", configFile, why);
      metrics.configRefused(clock.instant(), List.of(configFile + ": cannot start it: " + why));
      return Reload.REFUSED;
    }
    retire(old);
    current = next;
    try {
      next.scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("a new RAM scheduler failed to start", e);
    }
    metrics.retain(config);
    metrics.configLoaded(clock.instant());
    LOG.info("config reloaded: {}, {}", RoundExecution.plural(config.platforms().size(), "platform"),
        RoundExecution.plural(config.control().targets().size(), "control"));
    return Reload.LOADED;
  }

  /**
   * No new rounds; waits up to {@code deadline} for the rounds in flight (they are stored as they finish), then
   * closes every engine. Returns true if no round had to be cut.
   */
  public boolean stop(Duration deadline) throws InterruptedException {
    List<Generation> all;
    synchronized (this) {
      if (stopping) return true;
      stopping = true;
      all = new ArrayList<>(retiring);
      if (current != null) all.add(current);
      for (Generation g : all) close(g);
    }
    long end = System.nanoTime() + deadline.toNanos();
    boolean clean = true;
    for (Generation g : all) {
      Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
      if (!g.inFlight.awaitNone(left)) {
        LOG.warn("stop: {} rounds still running after {}; cutting them (not stored)", g.inFlight.count(), deadline);
        clean = false;
      }
    }
    for (Generation g : all) g.rounds.close();
    return clean;
  }

  /** Rounds in progress across generations (for tests and the stop log). */
  synchronized int inFlight() {
    int n = current == null ? 0 : current.inFlight.count();
    for (Generation g : retiring) n += g.inFlight.count();
    return n;
  }

  private Generation build(ProbeConfig config, Map<String, Date> keepNextFire) throws SchedulerException {
    RoundSource rounds = roundsFactory.apply(config);
    Generation g = new Generation(++generations, config, rounds);
    try {
      g.scheduler = newScheduler(g);
      Date now = Date.from(clock.instant());
      for (var group : g.groups.entrySet()) {
        String key = group.getKey();
        Date start = keepNextFire.getOrDefault(key, now);
        var job = JobBuilder.newJob(PlatformRoundJob.class).withIdentity(PlatformTriggers.jobKey(key)).build();
        Trigger t = PlatformTriggers.trigger(key, PlatformTriggers.scheduleOf(group.getValue().get(0), config), start);
        g.scheduler.scheduleJob(job, t);
      }
      return g;
    } catch (SchedulerException | RuntimeException e) {
      if (g.scheduler != null) g.scheduler.shutdown(false);
      rounds.close();
      throw e;
    }
  }

  private Scheduler newScheduler(Generation g) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "censorprobe-" + SCHEDULERS.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount",
        Integer.toString(Math.max(1, Math.min(MAX_SCHEDULER_THREADS, g.groups.size()))));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "rounds-" + g.number);
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
    Scheduler s = new StdSchedulerFactory(p).getScheduler();
    s.setJobFactory((bundle, scheduler) -> new PlatformRoundJob(execution, g));
    return s;
  }

  /** Where the old schedule was going next: a reload does not reset (or fire) every group's clock. */
  private static Map<String, Date> nextFireTimes(Generation g) {
    Map<String, Date> out = new HashMap<>();
    if (g == null) return out;
    for (String key : g.groups.keySet()) {
      try {
        Trigger t = g.scheduler.getTrigger(PlatformTriggers.triggerKey(key));
        if (t != null && t.getNextFireTime() != null) out.put(key, t.getNextFireTime());
      } catch (SchedulerException e) {
        // a RAM store does not fail here; the platform just starts now
      }
    }
    return out;
  }

  private void retire(Generation old) {
    close(old);
    retiring.add(old);
    Thread t = new Thread(() -> {
      try {
        if (!old.inFlight.awaitNone(RETIRE_DEADLINE)) {
          LOG.warn("config generation {}: rounds still running after {}; closing its engine", old.number,
              RETIRE_DEADLINE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      old.rounds.close();
      synchronized (Daemon.this) {
        retiring.remove(old);
      }
    }, "retire-" + old.number);
    t.setDaemon(true);
    t.start();
  }

  /** No new firings, and jitter waits end now; rounds already measuring go on. */
  private static void close(Generation g) {
    g.closing.countDown();
    try {
      g.scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.warn("scheduler {}: {}", g.number, e.getMessage());
    }
  }

  private static byte[] digest(Path file) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      return null;
    }
  }
}
