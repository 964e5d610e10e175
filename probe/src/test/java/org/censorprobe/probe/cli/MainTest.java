package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The conventions every verb shares: exit codes, --version, options described with their defaults. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void noArgumentsPrintsUsageOnStderrAndIsAUsageError() {
    assertEquals(Main.EXIT_USAGE, run());
    assertTrue(err.toString().contains("Usage: probe"), err::toString);
    assertTrue(err.toString().contains("Exit codes: 0 done, 1 failed, 2 usage or configuration error."),
        err::toString);
    assertEquals("", out.toString());
  }

  @Test
  void anUnknownVerbOrOptionIsAUsageError() {
    assertEquals(2, run("measure"));
    assertEquals(2, run("once", "--colour"));
    assertEquals(2, run("control-server", "--listen", "127.0.0.1:0", "--client-timeout", "PT-1S"));
    assertTrue(err.toString().contains("'PT-1S' is not a duration"), err::toString);
  }

  @Test
  void versionOnTheToolAndOnEveryVerb() {
    assertEquals(0, run("--version"));
    assertEquals("censorprobe dev", out.toString().strip());
    for (String verb : new String[] {"once", "run", "export", "reclassify", "check-config", "control-server"}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run(verb, "--version"), verb);
      assertEquals("censorprobe dev", out.toString().strip(), verb);
    }
  }

  /** Every option of every verb says its default (or that it is required), and no field name leaks into help. */
  @Test
  void everyOptionIsDescribedWithItsDefault() {
    CommandLine cli = Main.commandLine();
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) continue;
      for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp() || o.hidden()) continue;
        String where = sub.getCommandName() + " " + o.longestName();
        String description = String.join(" ", o.description());
        assertFalse(description.isBlank(), where + " has no description");
        assertTrue(description.contains("default") || description.contains("required"), where + ": " + description);
        assertTrue(o.typeInfo().isBoolean() || !o.paramLabel().startsWith("<"),
            where + " shows a field name: " + o.paramLabel());
      }
    }
  }

  @Test
  void controlServerHelpHasNoUndescribedOptionsAndNoFieldNames() {
    assertEquals(0, run("control-server", "--help"));
    String help = out.toString();
    assertFalse(help.contains("<"), help);
    assertTrue(help.contains("--client-timeout=DURATION"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("Allowance for a client to send its request (default: 10s)"), help);
    assertFalse(help.contains("PT10S"), help);
  }
}
