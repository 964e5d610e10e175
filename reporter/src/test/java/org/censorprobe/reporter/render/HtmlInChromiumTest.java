package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.incidents.Band;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.Status;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real headless Chromium inside a network namespace of its own, which has only a
 * loopback interface (and that one down): the page, and Chromium's own background requests, can reach nothing.
 * Checks what a reader sees on screen (the blocked colour exactly where each blocking is, nothing where there is
 * none), on paper ({@code --print-to-pdf}, rasterised by poppler: no dark background, no incident cut across a
 * page break, the timeline's colours kept) and in the DOM (no raw key in the visible text). The page's own
 * Content-Security-Policy forbids every script and every load, so each rendering is also one without scripts: a
 * refused load would show as a console message, and there must be none.
 * Skipped with a message when Chromium (or a way to make the namespace) is absent; failed then when CI=true.
 */
class HtmlInChromiumTest {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
  static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");
  private static final long TIMEOUT_SECONDS = 120;
  private static final int[] BLOCKED = {0xc6, 0x28, 0x28};
  private static final int[] OK = {0x2e, 0x7d, 0x32};
  private static final int[] TECHNICAL = {0xef, 0x6c, 0x00};
  private static final int[] NO_DATA = {0xd5, 0xd5, 0xd5};
  private static final int[] INCONCLUSIVE = {0x6a, 0x4c, 0x93};
  /** A run of the blocked colour at least this wide (CSS pixels) is a timeline band, not a tag or a swatch. */
  private static final int BAND_MIN_PX = 80;

  /** The command that puts a process in a network namespace of its own: root's, else a user namespace's. */
  private static List<String> isolation;

  @TempDir Path dir;

  @BeforeAll
  static void chromiumAndANamespace() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) skipOrFail("no Chromium at " + CHROMIUM + " (install Debian's chromium or set CHROMIUM)");
    for (List<String> candidate : List.of(List.of("unshare", "--net", "--"), List.of("unshare", "--user",
        "--map-root-user", "--net", "--"))) {
      List<String> probe = new ArrayList<>(candidate);
      probe.add("true");
      Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        isolation = candidate;
        return;
      }
      p.destroyForcibly();
    }
    skipOrFail("cannot make a network namespace (unshare --net) to cut Chromium off the network");
  }

  private static void skipOrFail(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
    Assumptions.abort(why + "; skipping the browser test");
  }

  private Path write(Report report, String name) throws IOException {
    Path html = dir.resolve(name + ".html");
    try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
      new HtmlRenderer(Fixtures.COLOPHON).render(report, w);
    }
    return html;
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run isolated(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(isolation);
    cmd.addAll(command);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(cmd + " did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run chromium(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
        "--force-device-scale-factor=1", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr",
        "--v=0"));
    cmd.addAll(Arrays.asList(args));
    return isolated(cmd);
  }

  @Test
  void chromiumRunsWhereOnlyLoopbackExists() throws Exception {
    Run run = isolated(List.of("cat", "/proc/net/dev"));
    assertEquals(0, run.exit(), run.stderr());
    List<String> interfaces = run.stdout().lines().filter(l -> l.contains(":"))
        .map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
    assertEquals(List.of("lo"), interfaces, run.stdout());
  }

  @Test
  void theDomHasEverySectionAndNoRawWordInItsText() throws Exception {
    Path html = write(Fixtures.report("event"), "event");
    // --dump-dom reads the DOM with a script of Chromium's own: the one run with scripts on (the page has none)
    Run run = chromium("--dump-dom", html.toUri().toString());
    assertEquals(0, run.exit(), run.stderr());
    String dom = run.stdout();
    for (String id : List.of("id=\"events\"", "id=\"timeline\"", "id=\"incidents\"", "id=\"evidence\"", "id=\"about\"")) {
      assertTrue(dom.contains(id), "section " + id);
    }
    assertTrue(dom.contains("class=\"band b-blocked\""), "blocked bands are in the DOM");
    assertTrue(dom.contains("&lt;script&gt;alert"), "the hostile title stayed text");
    assertFalse(dom.contains("<script"), "no script element was created from the data");
    assertTrue(dom.contains("content=\"" + HtmlRenderer.CSP + "\""), "the page forbids itself scripts and loads");
    assertEquals(List.of(), RawWords.in(ReportWordsTest.visibleHtml(dom)));
    assertEquals(List.of(), console(run), "console messages from the page");
  }

  @Test
  void onScreenTheBlockedColourIsExactlyWhereEachBlockingIs() throws Exception {
    Report report = Fixtures.report("event");
    BufferedImage png = screenshot(write(report, "event"));
    List<List<double[]>> seen = blockedBandsByRow(png);
    List<List<double[]>> expected = new ArrayList<>();
    Duration span = Duration.between(report.from(), report.to());
    for (Timeline t : report.timelines()) {
      List<double[]> row = new ArrayList<>();
      for (Band b : t.bands()) {
        if (b.status() != Status.BLOCKED) continue;
        double from = fraction(report.from(), b.from(), span);
        double to = fraction(report.from(), b.to(), span);
        if (!row.isEmpty() && Math.abs(row.get(row.size() - 1)[1] - from) < 1e-9) row.get(row.size() - 1)[1] = to;
        else row.add(new double[] {from, to});
      }
      if (!row.isEmpty()) expected.add(row);
    }
    long blockedPlatforms = report.incidents().stream().filter(i -> Incident.BLOCKED.equals(i.classification()))
        .map(Incident::platform).distinct().count();
    assertEquals(blockedPlatforms, expected.size(), "one timeline row with blocked bands per blocked platform");
    assertEquals(expected.size(), seen.size(), "rows with a blocked band on screen");
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.get(r).size(), seen.get(r).size(), "blocked bands in row " + r);
      for (int k = 0; k < expected.get(r).size(); k++) {
        assertEquals(expected.get(r).get(k)[0], seen.get(r).get(k)[0], 0.015, "start of band " + k + " of row " + r);
        assertEquals(expected.get(r).get(k)[1], seen.get(r).get(k)[1], 0.015, "end of band " + k + " of row " + r);
      }
    }
  }

  @Test
  void onScreenAReportWithoutBlockingHasNoBlockedBand() throws Exception {
    Report report = Fixtures.report("outage");
    assertTrue(report.incidents().stream().noneMatch(i -> Incident.BLOCKED.equals(i.classification())));
    BufferedImage png = screenshot(write(report, "outage"));
    assertEquals(List.of(), blockedBandsByRow(png));
    assertTrue(count(png, TECHNICAL) > 5_000, "the outage is drawn in the technical colour");
  }

  @Test
  void onPaperNoDarkBackgroundNoIncidentCutAndTheTimelineKeepsItsColours() throws Exception {
    if (!Files.isExecutable(PDFTOPPM) || !Files.isExecutable(PDFTOTEXT)) {
      skipOrFail("no pdftoppm/pdftotext (Debian's poppler-utils) to read the printed pages");
    }
    Report report = Fixtures.report("event");
    Path html = write(report, "event");
    Path pdf = dir.resolve("event.pdf");
    Run run = chromium("--no-pdf-header-footer", "--print-to-pdf=" + pdf, html.toUri().toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(Files.isRegularFile(pdf), "a PDF was written: " + run.stderr());
    assertEquals(List.of(), console(run), "console messages (a refused load or script would be one)");
    Run raster = isolated(List.of(PDFTOPPM.toString(), "-r", "96", "-png", pdf.toString(), dir.resolve("page").toString()));
    assertEquals(0, raster.exit(), raster.stderr());
    List<Path> pages;
    try (Stream<Path> files = Files.list(dir)) {
      pages = files.filter(p -> p.getFileName().toString().matches("page-\\d+\\.png")).sorted().toList();
    }
    assertTrue(pages.size() >= 2, "the report spans pages: " + pages);
    boolean timelineColours = false;
    for (Path page : pages) {
      BufferedImage img = ImageIO.read(page.toFile());
      int[] dark = darkBlock(img, 16, 60);
      assertEquals(null, dark == null ? null : Arrays.toString(dark), "a dark 16x16 block on " + page.getFileName());
      timelineColours |= count(img, BLOCKED) > 500 && count(img, OK) > 500;
    }
    assertTrue(timelineColours, "the timeline's bands printed in their colours");
    List<String> texts = new ArrayList<>();
    for (int n = 1; n <= pages.size(); n++) {
      Run text = isolated(List.of(PDFTOTEXT.toString(), "-f", "" + n, "-l", "" + n, "-layout", pdf.toString(), "-"));
      assertEquals(0, text.exit(), text.stderr());
      texts.add(text.stdout());
    }
    for (Incident i : report.incidents()) {
      String heading = i.id() + ": " + i.platformName();
      int page = pageOf(texts, heading);
      assertTrue(page >= 0, heading + " printed");
      // the last sample's own heading (its time, endpoint and verdict) appears nowhere else
      String lastSample = IncidentText.sample(i.evidence().get(i.evidence().size() - 1));
      lastSample = lastSample.substring(0, lastSample.indexOf(" · ", lastSample.indexOf("UTC · ") + 6));
      int headingAt = texts.get(page).indexOf(heading);
      assertTrue(texts.get(page).indexOf(lastSample, headingAt) > headingAt,
          heading + " and its last sample (" + lastSample + ") on one page:\n" + texts.get(page));
    }
    String last = texts.get(pages.size() - 1);
    assertTrue(last.contains("About this report") && last.contains("How each verdict is decided"), "the footer, whole, last");
  }

  private BufferedImage screenshot(Path html) throws Exception {
    Path png = dir.resolve(html.getFileName() + ".png");
    Run run = chromium("--screenshot=" + png, "--window-size=1200,2000", "--hide-scrollbars",
        html.toUri().toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(List.of(), console(run), "console messages (a refused load or script would be one)");
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "a PNG");
    String keep = System.getProperty("reporter.screenshot");
    if (keep != null) Files.copy(png, Path.of(keep).resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return img;
  }

  /**
   * The page's console messages, which Chromium logs to stderr; a CSP refusal is one. Messages of Chromium's own
   * pages ({@code source: chrome://...}, such as its print preview's "Slow network is detected" when a font loads
   * slowly on a busy machine) are not the report's, and are left out.
   */
  private static List<String> console(Run run) {
    return run.stderr().lines().filter(l -> l.contains(":CONSOLE") && !l.contains("source: chrome://")).toList();
  }

  private static double fraction(Instant start, Instant at, Duration span) {
    return Duration.between(start, at).toMillis() / (double) span.toMillis();
  }

  /**
   * The blocked bands of the timeline, row by row from the top, each as fractions of the plot's width: runs of the
   * blocked colour at least {@link #BAND_MIN_PX} wide, grouped over the pixel rows of one timeline row. The plot
   * is where the widest run of any status colour is (every timeline row is drawn across it).
   */
  static List<List<double[]>> blockedBandsByRow(BufferedImage img) {
    int plotFrom = Integer.MAX_VALUE;
    int plotTo = -1;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int[] run : runs(img, y, null, 300)) {
        plotFrom = Math.min(plotFrom, run[0]);
        plotTo = Math.max(plotTo, run[1]);
      }
    }
    List<List<double[]>> rows = new ArrayList<>();
    List<int[]> previous = List.of();
    for (int y = 0; y < img.getHeight(); y++) {
      List<int[]> now = runs(img, y, BLOCKED, BAND_MIN_PX);
      if (!now.isEmpty() && !sameRuns(now, previous)) {
        List<double[]> row = new ArrayList<>();
        for (int[] r : now) row.add(new double[] {(r[0] - plotFrom) / (double) (plotTo - plotFrom + 1),
            (r[1] + 1 - plotFrom) / (double) (plotTo - plotFrom + 1)});
        rows.add(row);
      }
      previous = now;
    }
    return rows;
  }

  private static boolean sameRuns(List<int[]> a, List<int[]> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      if (Math.abs(a.get(i)[0] - b.get(i)[0]) > 2 || Math.abs(a.get(i)[1] - b.get(i)[1]) > 2) return false;
    }
    return true;
  }

  /** Runs [x0, x1] of one colour (null: any status colour) in pixel row y, at least {@code min} wide. */
  private static List<int[]> runs(BufferedImage img, int y, int[] colour, int min) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    for (int x = 0; x <= img.getWidth(); x++) {
      boolean in = x < img.getWidth() && (colour == null ? statusColour(img.getRGB(x, y)) : near(img.getRGB(x, y), colour));
      if (in && start < 0) start = x;
      if (!in && start >= 0) {
        if (x - start >= min) out.add(new int[] {start, x - 1});
        start = -1;
      }
    }
    return out;
  }

  private static boolean statusColour(int rgb) {
    return near(rgb, OK) || near(rgb, BLOCKED) || near(rgb, TECHNICAL) || near(rgb, NO_DATA) || near(rgb, INCONCLUSIVE);
  }

  private static boolean near(int rgb, int[] c) {
    return Math.abs(((rgb >> 16) & 0xff) - c[0]) <= 6 && Math.abs(((rgb >> 8) & 0xff) - c[1]) <= 6
        && Math.abs((rgb & 0xff) - c[2]) <= 6;
  }

  private static long count(BufferedImage img, int[] colour) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if (near(img.getRGB(x, y), colour)) n++;
    return n;
  }

  /** The top-left corner of a size x size block whose every pixel is darker than {@code luminance}, or null. */
  static int[] darkBlock(BufferedImage img, int size, int luminance) {
    int w = img.getWidth();
    int h = img.getHeight();
    // dark[y][x]: the run of dark pixels ending at x in row y; a block needs size rows with runs >= size
    int[] columnRun = new int[w];
    for (int y = 0; y < h; y++) {
      int rowRun = 0;
      int[] rowRuns = new int[w];
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        double lum = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        rowRun = lum < luminance ? rowRun + 1 : 0;
        rowRuns[x] = rowRun;
      }
      for (int x = 0; x < w; x++) {
        columnRun[x] = rowRuns[x] >= size ? columnRun[x] + 1 : 0;
        if (columnRun[x] >= size) return new int[] {x - size + 1, y - size + 1};
      }
    }
    return null;
  }

  private static int pageOf(List<String> texts, String needle) {
    for (int i = 0; i < texts.size(); i++) if (texts.get(i).contains(needle)) return i;
    return -1;
  }
}
