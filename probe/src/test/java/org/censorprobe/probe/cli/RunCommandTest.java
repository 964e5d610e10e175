package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  private static final String CONFIG = "src/test/resources/config/good/minimal.yaml";

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
  void listenTakesIpLiteralsOnlyNeverANameToResolve() {
    InetSocketAddress a = RunCommand.listenAddress("127.0.0.1:19847");
    assertEquals("127.0.0.1", a.getAddress().getHostAddress());
    assertEquals(19847, a.getPort());
    assertEquals(9, RunCommand.listenAddress("[::1]:9").getPort());
    assertTrue(RunCommand.listenAddress(":8080").getAddress().isAnyLocalAddress());
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("localhost:8080"));
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("127.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("127.0.0.1:70000"));
  }

  /** Refused before anything is opened or measured: no directory appears. */
  @Test
  void aStoreInADirectoryThatDoesNotExistIsRefusedAndNothingIsCreated() {
    Path missing = dir.resolve("nonexistent/dir/x.db");
    assertEquals(Main.EXIT_USAGE, run("run", "--config", CONFIG, "--store", missing.toString()));
    assertTrue(err.toString().startsWith(missing + ": the store's directory " + missing.getParent()
        + " does not exist"), err::toString);
    assertFalse(Files.exists(dir.resolve("nonexistent")));
  }

  @Test
  void onlyTheDefaultStoreHasItsDirectoryCreated() {
    assertNull(RunCommand.storeDirectoryProblem(Path.of(RunCommand.DEFAULT_STORE)));
    assertNull(RunCommand.storeDirectoryProblem(dir.resolve("x.db")));
    assertTrue(RunCommand.storeDirectoryProblem(dir.resolve("data/censorprobe.db")) != null,
        "a data/ elsewhere than the default is not created either");
  }

  @Test
  void badDurationsAndWebConfigsAreUsageErrors() throws Exception {
    assertEquals(Main.EXIT_USAGE, run("run", "--config", CONFIG, "--retention", "ninety days"));
    assertTrue(err.toString().contains("'ninety days' is not a duration"), err::toString);
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users:\n  prometheus: $pbkdf2-sha256$1$x$y\n");
    err.getBuffer().setLength(0);
    assertEquals(Main.EXIT_USAGE, run("run", "--config", CONFIG, "--store", dir.resolve("s.db").toString(),
        "--web-config", web.toString()));
    assertTrue(err.toString().startsWith(web + ":2: basic_auth_users.prometheus: a PBKDF2 hash"), err::toString);
    assertFalse(Files.exists(dir.resolve("s.db")), "refused before the store is opened");
  }
}
