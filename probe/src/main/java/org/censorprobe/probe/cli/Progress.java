package org.censorprobe.probe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long verb ({@code once}, {@code reclassify}) on stderr. On a terminal, one line rewritten in place
 * as work finishes; otherwise (a
 * log file, a CI job, a pipe) a line every {@code every}, such as {@code once: 120/400 endpoints measured, 37 s},
 * so a slow network never looks like a hung probe. The timer ticks even when no endpoint finishes.
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private int total;
  private final String label;
  private final String unit;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private int done;

  private Progress(PrintWriter err, String label, int total, String unit, boolean terminal, Duration every) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.terminal = terminal;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, label + "-progress");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(every.toMillis(), 1);
    timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  static Progress start(PrintWriter err, int total, Duration every) {
    return start(err, "once", total, "endpoints measured", every);
  }

  /** Lines such as {@code LABEL: 120/400 UNIT, 37 s}. */
  static Progress start(PrintWriter err, String label, int total, String unit, Duration every) {
    return new Progress(err, label, total, unit, stderrIsTerminal(), every);
  }

  /**
   * System.console() says whether stdin and stdout are terminals, but --json usually sends stdout to a file
   * while a person still watches stderr; on Linux the fd link tells about stderr itself.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** For work whose size is known only once it has started. */
  synchronized void total(int count) {
    total = count;
  }

  synchronized void done(int count) {
    done = count;
    if (terminal) print();
  }

  private synchronized void tick() {
    print();
  }

  private void print() {
    long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
    String text = label + ": " + done + "/" + total + " " + unit + ", " + seconds + " s";
    if (terminal) {
      err.print("\r" + text);
    } else {
      err.println(text);
    }
    err.flush();
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (terminal) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
