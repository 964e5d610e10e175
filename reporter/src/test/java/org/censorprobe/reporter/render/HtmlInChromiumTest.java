package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.incidents.Report;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real headless Chromium, cut off from the network (no background services, no
 * QUIC, a fresh profile; the page itself loads nothing). Skipped with a message when Chromium is absent,
 * failed when it is absent on CI (CI=true), where it is installed.
 */
class HtmlInChromiumTest {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir Path dir;

  @BeforeAll
  static void chromiumPresent() {
    if (Files.isExecutable(CHROMIUM)) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but there is no Chromium at " + CHROMIUM);
    Assumptions.abort("no Chromium at " + CHROMIUM + " (install Debian's chromium or set CHROMIUM); skipping the browser test");
  }

  private Path report() throws IOException {
    Report report = Fixtures.report("event");
    Path html = dir.resolve("report.html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      new HtmlRenderer(Fixtures.COLOPHON).render(report, w);
    }
    return html;
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run chromium(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
        "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0"));
    cmd.addAll(Arrays.asList(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theReportRendersWithItsBandsAndNoConsoleErrors() throws Exception {
    Path html = report();
    Run run = chromium("--dump-dom", html.toUri().toString());
    assertEquals(0, run.exit(), run.stderr());
    String dom = run.stdout();
    assertTrue(dom.contains("<svg class=\"timeline\""), "the timeline SVG is in the DOM");
    assertTrue(dom.contains("class=\"band b-blocked\""), "blocked bands are in the DOM");
    assertTrue(dom.contains("class=\"band b-ok\""), "ok bands are in the DOM");
    assertTrue(dom.contains("&lt;script&gt;alert"), "the hostile title stayed text");
    assertTrue(!dom.contains("<script"), "no script element was created from the data");
    List<String> console = run.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
    assertEquals(List.of(), console, "console messages from the page");
  }

  @Test
  void theReportMakesAScreenshot() throws Exception {
    Path html = report();
    Path png = dir.resolve("report.png");
    Run run = chromium("--screenshot=" + png, "--window-size=1200,2400", "--hide-scrollbars", html.toUri().toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(Files.size(png) > 10_000, "a real picture, not an empty page");
    byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
    String keep = System.getProperty("reporter.screenshot");
    if (keep != null) Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
