package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void theStatusPageListensOnLoopbackOnly() {
    assertEquals(Main.EXIT_USAGE, run("demo", "--listen", "0.0.0.0:0", "--dir", dir.toString()));
    assertTrue(err.toString().contains("0.0.0.0 is not a loopback address (the demo serves on loopback only)"),
        err::toString);
    assertEquals(Main.EXIT_USAGE, run("demo", "--listen", ":19847", "--dir", dir.toString()));
    assertEquals(Main.EXIT_USAGE, run("demo", "--listen", "localhost:19847", "--dir", dir.toString()));
    assertFalse(Files.exists(dir.resolve("targets.yaml")), "refused before the world was made");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertEquals(Main.EXIT_USAGE, run("demo", "--rounds-per-act", "0"));
    assertEquals(Main.EXIT_USAGE, run("demo", "--every", "soon"));
    Path deep = dir.resolve("no/such/dir");
    assertEquals(Main.EXIT_USAGE, run("demo", "--dir", deep.toString(), "--listen", "127.0.0.1:0"));
    assertTrue(err.toString().contains("--dir " + deep + ": not a directory"), err::toString);
    assertFalse(Files.exists(dir.resolve("no")));
  }

  @Test
  void itSaysWhereToLookRunsForItsDurationStopsCleanlyAndSaysHowToReport() {
    Path d = dir.resolve("demo");
    assertEquals(Main.EXIT_OK, run("demo", "--dir", d.toString(), "--listen", "127.0.0.1:0", "--every", "1s",
        "--duration", "3s"));
    String said = out.toString();
    assertTrue(said.matches("(?s).*status page  http://127\\.0\\.0\\.1:\\d+/ .*"), said);
    assertTrue(said.contains("store        " + d.resolve("demo.db")), said);
    assertTrue(said.contains("config       " + d.resolve("targets.yaml")), said);
    assertTrue(said.contains("ISP resolver             (system resolver)      127.0."), said);
    assertTrue(said.contains("reporter/bin/reporter --store " + d.resolve("demo.db")
        + " --from 24h --format html --out " + d.resolve("report.html")), said);
    assertTrue(said.contains("demo: stopped."), said);
    assertTrue(Files.isRegularFile(d.resolve("demo.db")));
    assertTrue(Files.isRegularFile(d.resolve("demo-ca.pem")));
  }

  @Test
  void theVerbIsListed() {
    assertEquals(Main.EXIT_OK, run("--help"));
    assertTrue(out.toString().contains("\n  demo "), out::toString);
  }
}
