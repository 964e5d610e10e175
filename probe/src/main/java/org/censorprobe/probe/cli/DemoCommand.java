package org.censorprobe.probe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.censorprobe.format.text.DurationText;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.demo.Demo;
import org.censorprobe.probe.demo.DemoWorld;
import org.censorprobe.probe.demo.Loopback;
import org.censorprobe.probe.demo.LoopbackViolation;
import org.censorprobe.probe.metrics.MetricsServer;
import org.censorprobe.probe.schedule.ReloadTriggers;
import org.censorprobe.probe.schedule.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"See the whole product safely: an invented world on loopback, a censor, the real probe.",
        "Platforms and controls under .test, each on its own 127.x address; an ISP",
        "resolver, a truthful control resolver, a remote vantage, a CA. Every few",
        "rounds the censor acts (DNS blocking, SNI filtering, a blockpage) and one",
        "server goes down, while the real daemon measures, stores and serves its",
        "metrics and status page. Nothing leaves loopback: the world's addresses,",
        "the config and every round are checked.",
        "SIGTERM/SIGINT (Ctrl-C) stop it. Exit codes: 0 stopped, 1 failed (a port in",
        "use, something beyond loopback), 2 usage error."})
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the store (" + Demo.STORE_FILE + "), " + DemoWorld.CONFIG_FILE
          + " and the demo CA go; created if its parent exists; a store already there is continued "
          + "(default: a new temporary directory).")
  Path dir;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + MetricsServer.DEFAULT_PORT,
      description = "Status page and metrics listener, a loopback address and a port; port 0 takes any free one "
          + "(default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
      description = "How often the probe measures the world (default: ${DEFAULT-VALUE}).")
  Duration every;

  @Option(names = "--rounds-per-act", paramLabel = "N", defaultValue = "2",
      description = "Rounds between two acts of the censor; 4 acts, so the story takes 5 x N rounds "
          + "(default: ${DEFAULT-VALUE}).")
  int roundsPerAct;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop by itself after this long, as on SIGTERM (CI; default: run until stopped).")
  Duration duration;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InetSocketAddress address;
    try {
      address = ListenAddress.parse("--listen", listen);
      Loopback.require(address, "--listen " + listen);
    } catch (IllegalArgumentException | LoopbackViolation e) {
      return usage(err, e.getMessage() + " (the demo serves on loopback only)");
    }
    if (every.isNegative() || every.isZero()) return usage(err, "--every must be positive");
    if (roundsPerAct < 1) return usage(err, "--rounds-per-act must be at least 1");
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      return usage(err, "--duration must be positive");
    }
    Path where;
    try {
      where = directory(dir);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }

    CountDownLatch stop = new CountDownLatch(1);
    boolean term = Signals.handle("TERM", stop::countDown);
    boolean intr = Signals.handle("INT", stop::countDown);
    Demo demo;
    try {
      demo = Demo.start(new Demo.Settings(where, address, every, roundsPerAct, Version.current()), out);
    } catch (IOException e) {
      err.println("demo: cannot start: " + e.getMessage()
          + (e instanceof java.net.BindException ? " (--listen 127.0.0.1:0 takes any free port)" : ""));
      err.flush();
      return Main.EXIT_FAILURE;
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return Main.EXIT_FAILURE; // the demo wrote that file itself: a bug, not the user's usage
    } catch (LoopbackViolation e) {
      err.println("demo: refused: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    } catch (org.quartz.SchedulerException e) {
      err.println("demo: cannot start the daemon: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    if (!term || !intr) {
      // Where the JVM keeps the signal for itself, a hook still stops gracefully (the exit status is then 143).
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          demo.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "demo-shutdown"));
    }
    try (demo; ReloadTriggers reloads = new ReloadTriggers(demo.daemon())) {
      reloads.onSighup();
      reloads.watch(demo.world().configFile());
      banner(out, demo);
      Thread stopOnViolation = new Thread(() -> {
        try {
          demo.stopRequested().await();
          stop.countDown();
        } catch (InterruptedException ignored) {
          // the demo is stopping anyway
        }
      }, "demo-violation");
      stopOnViolation.setDaemon(true);
      stopOnViolation.start();
      if (duration == null) {
        stop.await();
      } else if (!stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info("demo: --duration {} reached", DurationText.format(duration));
      }
      LOG.info("stopping: no new rounds; waiting up to 30s for the round in flight");
      demo.stop(Duration.ofSeconds(30));
      out.println();
      out.println("demo: stopped. Its store stays at " + demo.store() + "; a report of what the probe saw:");
      out.println("  " + reporterCommand(demo.store()));
      out.flush();
      return demo.violation() == null ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }

  private static void banner(PrintWriter out, Demo demo) {
    DemoWorld w = demo.world();
    out.println("censorprobe demo: an invented world on loopback, a censor that changes it, and the real probe");
    out.println("measuring it. Nothing leaves this machine: every site, resolver and the remote vantage is on");
    out.println("127.0.0.0/8, every name is under .test, and each round is checked for it.");
    out.println();
    out.println("  status page  " + demo.page() + "   (open it in a browser; it reloads itself)");
    out.println("  metrics      " + demo.page() + "metrics");
    out.println("  store        " + demo.store());
    out.println("  config       " + w.configFile() + "   (edit it: it is reloaded; anything beyond loopback is refused)");
    out.println();
    out.println("The world:");
    w.describe().forEach(out::println);
    out.println();
    out.println("The probe measures every " + DurationText.format(w.every()) + ". The censor acts after every "
        + w.roundsPerAct() + (w.roundsPerAct() == 1 ? " round" : " rounds")
        + ": DNS blocking, then SNI filtering, then a blockpage; then a server goes down. The whole story takes "
        + w.storyLength() + " rounds (about " + DurationText.format(w.every().multipliedBy(w.storyLength()))
        + ").");
    out.println("Stop with Ctrl-C, then report on the store:");
    out.println("  " + reporterCommand(demo.store()));
    out.println();
    out.flush();
  }

  static String reporterCommand(Path store) {
    Path report = store.resolveSibling("report.html");
    return "reporter/bin/reporter --store " + store + " --from 24h --format html --out " + report;
  }

  /** The given directory (created when only it is missing), or a new temporary one. */
  static Path directory(Path given) throws IOException {
    if (given == null) return Files.createTempDirectory("censorprobe-demo-");
    if (Files.isDirectory(given)) return given;
    Path parent = given.toAbsolutePath().getParent();
    if (Files.exists(given) || parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException("--dir " + given + ": not a directory, and not one that can be made in "
          + "an existing directory");
    }
    return Files.createDirectory(given);
  }

  private static int usage(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return Main.EXIT_USAGE;
  }
}
