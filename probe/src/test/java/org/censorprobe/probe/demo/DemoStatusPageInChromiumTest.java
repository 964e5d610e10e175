package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.censorprobe.probe.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of a demo daemon, as a real Chromium (in a network namespace with only loopback) renders it,
 * before the censor acts and after the whole story: the DOM Chromium built, and the pixels of its screenshots.
 * Set -Dstatus.screenshots=DIR to keep the two PNGs.
 */
class DemoStatusPageInChromiumTest {
  /** Acts three rounds apart: the page taken after round 1 is two whole rounds ahead of the first act. */
  private static final int ROUNDS_PER_ACT = 3;
  private static final int BLOCKED_RGB = 0xc62828;
  private static final int TECHNICAL_RGB = 0xef6c00;
  private static final int WIDTH = 1300;
  private static final int HEIGHT = 1600;

  @TempDir Path dir;

  @Test
  void thePageShowsTheCensorsWorkInColourAndInItsDom() throws Exception {
    Chromium chromium = Chromium.inIsolatedNetwork(dir);
    Path before = dir.resolve("before.html");
    Path after = dir.resolve("after.html");
    Path work = Files.createDirectory(dir.resolve("demo"));
    try (Demo demo = DemoRuns.start(work, new StringWriter(), ROUNDS_PER_ACT)) {
      DemoRuns.awaitRounds(demo, 1);
      Files.writeString(before, DemoRuns.get(demo.page()).body(), StandardCharsets.UTF_8);
      DemoRuns.awaitRounds(demo, demo.world().storyLength() + 1);
      Files.writeString(after, DemoRuns.get(demo.page()).body(), StandardCharsets.UTF_8);
      demo.stop(Duration.ofSeconds(30));
    }

    Chromium.Run domBefore = chromium.dumpDom(before);
    assertEquals(0, domBefore.exit(), domBefore.stderr());
    String b = domBefore.stdout();
    for (String p : List.of("videoland", "chatter", "newswire", "photobook", "mapmaker")) {
      assertTrue(b.contains("<tr class=\"v-ok\" data-platform=\"" + p + "\">"), p + " ok before the censor acts");
      List<String> marks = marks(b, p);
      assertTrue(marks.size() < ROUNDS_PER_ACT && marks.stream().allMatch("ok"::equals),
          p + ": taken before the first act, the page shows only ok rounds: " + marks);
    }
    assertFalse(b.contains("class=\"badge blocked\""), "nothing blocked before the censor acts");

    Chromium.Run domAfter = chromium.dumpDom(after);
    assertEquals(0, domAfter.exit(), domAfter.stderr());
    String a = domAfter.stdout();
    for (String p : List.of("videoland", "chatter", "newswire")) {
      assertTrue(a.contains("<tr class=\"v-blocked\" data-platform=\"" + p + "\">"), p + " blocked after");
      List<String> marks = marks(a, p);
      assertEquals("ok", marks.get(0), p + " was ok before its act");
      assertEquals("blocked", marks.get(marks.size() - 1), p + ": " + marks);
    }
    assertTrue(a.contains("<tr class=\"v-technical\" data-platform=\"photobook\">"), "the downed server: technical");
    assertEquals("technical", last(marks(a, "photobook")));
    assertTrue(marks(a, "mapmaker").stream().allMatch("ok"::equals), "the untouched platform stayed ok");
    assertFalse(a.contains("<script"), "no script");
    assertEquals(List.of(), consoleLines(domAfter), "console messages from the page");

    Path pngBefore = dir.resolve("status-before.png");
    Path pngAfter = dir.resolve("status-after.png");
    assertEquals(0, chromium.screenshot(before, pngBefore, WIDTH, HEIGHT).exit());
    assertEquals(0, chromium.screenshot(after, pngAfter, WIDTH, HEIGHT).exit());
    keep(pngBefore, pngAfter);
    BufferedImage imgBefore = ImageIO.read(pngBefore.toFile());
    BufferedImage imgAfter = ImageIO.read(pngAfter.toFile());
    assertEquals(WIDTH, imgAfter.getWidth());
    // Before: the blocked red is only in the legend's swatch. After: in rows, badges and the strips' marks (at
    // least 3 + 2 + 1 blocked rounds in the three strips, each mark 8 x 22 pixels at full width).
    long redBefore = pixels(imgBefore, BLOCKED_RGB);
    long redAfter = pixels(imgAfter, BLOCKED_RGB);
    assertTrue(redBefore < 400, "before, red only in the legend: " + redBefore + " pixels");
    assertTrue(redAfter > redBefore + 6 * 8 * 22, "red after the censor acted: " + redBefore + " -> " + redAfter);
    long orangeBefore = pixels(imgBefore, TECHNICAL_RGB);
    long orangeAfter = pixels(imgAfter, TECHNICAL_RGB);
    assertTrue(orangeAfter > orangeBefore + 8 * 22, "orange for the downed server: " + orangeBefore + " -> "
        + orangeAfter);
  }

  /** The classes of a platform row's strip marks in a DOM, left to right. */
  private static List<String> marks(String dom, String platform) {
    int row = dom.indexOf("data-platform=\"" + platform + "\"");
    assertTrue(row >= 0, platform + " has a row");
    int start = dom.indexOf("<div class=\"strip\"", row);
    String strip = dom.substring(start, dom.indexOf("</div>", start));
    Matcher m = Pattern.compile("<i class=\"([a-z]+)\"").matcher(strip);
    List<String> out = new ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static String last(List<String> l) {
    return l.get(l.size() - 1);
  }

  private static List<String> consoleLines(Chromium.Run run) {
    return run.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
  }

  /** Pixels within a few steps of {@code rgb} per channel (antialiased edges excluded, exact fills counted). */
  private static long pixels(BufferedImage img, int rgb) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (near(p >> 16, rgb >> 16) && near(p >> 8, rgb >> 8) && near(p, rgb)) n++;
      }
    }
    return n;
  }

  private static boolean near(int a, int b) {
    return Math.abs((a & 0xff) - (b & 0xff)) <= 4;
  }

  private static void keep(Path... pngs) throws Exception {
    String where = System.getProperty("status.screenshots");
    if (where == null) return;
    Path d = Files.createDirectories(Path.of(where));
    for (Path p : pngs) Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }
}
