package org.censorprobe.probe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium, run in a network namespace of its own that has only a loopback interface (down):
 * whatever the page or the browser tried, no packet could leave. Pages are handed over as files. Tests using it
 * are skipped with a message where Chromium (Debian's {@code chromium}) or unprivileged namespaces are missing, and
 * fail there when CI=true, where .ci/run installs it. The flags are the reporter's HtmlInChromiumTest's.
 */
public final class Chromium {
  public static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 120;

  private final Path work;

  private Chromium(Path work) {
    this.work = work;
  }

  /** A Chromium with its profile and outputs under {@code work}, or the test aborted (failed on CI). */
  public static Chromium inIsolatedNetwork(Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) unavailable("no Chromium at " + BINARY + " (install Debian's chromium or set CHROMIUM)");
    Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done || p.exitValue() != 0) {
      unavailable("cannot make a network namespace (unshare -rn): " + new String(p.getInputStream().readAllBytes()));
    }
    return new Chromium(work);
  }

  private static void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
    Assumptions.abort(why + "; skipping the browser test");
  }

  public record Run(int exit, String stdout, String stderr) {}

  /** Chromium's {@code --dump-dom} of a page file: the DOM after parsing, as the browser built it. */
  public Run dumpDom(Path html) throws IOException, InterruptedException {
    return run("--dump-dom", html.toUri().toString());
  }

  /** A PNG of a page file at the given window size. */
  public Run screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    return run("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
        html.toUri().toString());
  }

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("unshare", "-rn", BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--disable-default-apps", "--disable-extensions",
        "--no-default-browser-check", "--user-data-dir=" + work.resolve("chromium-profile"),
        "--enable-logging=stderr", "--v=0"));
    cmd.addAll(Arrays.asList(args));
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
