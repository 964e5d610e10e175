package org.censorprobe.probe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** "endpoints done of total" on stderr, only when a person is watching (stderr is a terminal). */
final class Progress {
  private final PrintWriter err;
  private final int total;
  private final boolean enabled;

  private Progress(PrintWriter err, int total, boolean enabled) {
    this.err = err;
    this.total = total;
    this.enabled = enabled;
  }

  static Progress onTerminal(PrintWriter err, int total) {
    return new Progress(err, total, stderrIsTerminal());
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

  synchronized void done(int count) {
    if (!enabled) return;
    err.print("\r" + count + "/" + total + " endpoints measured");
    err.flush();
  }

  synchronized void finish() {
    if (!enabled) return;
    err.print("\r\033[K");
    err.flush();
  }
}
