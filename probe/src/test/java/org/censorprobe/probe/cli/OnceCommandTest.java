package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code probe once} through the real entry point, against peers on 127.0.0.1 (IP literals: no DNS is asked). */
class OnceCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  private Path config(String platforms) throws Exception {
    Path resolv = dir.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver 127.0.0.1\n");
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, "probe: { id: test-1 }\ntimeouts: { tcp: 2s, tls: 1s }\nplatforms:\n" + platforms);
    return file;
  }

  /** stderr here is a pipe, not a terminal: the progress still comes, as lines, while nothing finishes. */
  @Test
  void progressLinesComeEvenWhenStderrIsNotATerminal() throws Exception {
    try (TcpPeer silent = TcpPeer.silent()) {
      Path cfg = config("  slow:\n    endpoints: [ \"tls://127.0.0.1:" + silent.address().getPort() + "\" ]\n");
      assertEquals(0, run("once", "--config", cfg.toString(), "--resolv-conf", dir.resolve("resolv.conf").toString(),
          "--progress-every", "100ms", "--retry-pause", "10ms"));
    }
    List<String> lines = err.toString().lines().toList();
    Pattern progress = Pattern.compile("once: [01]/1 endpoints measured, \\d+ s");
    assertTrue(lines.stream().anyMatch(l -> progress.matcher(l).matches()), err::toString);
    assertFalse(err.toString().contains("\r"), "no terminal rewriting into a log");
  }

  @Test
  void theTableSaysNotReachedAndHumanLabels() throws Exception {
    try (TcpPeer refusing = TcpPeer.refusing(); TcpPeer silent = TcpPeer.silent()) {
      int closed = refusing.address().getPort();
      Path cfg = config(
          "  tcpplat:\n    endpoints: [ \"tcp://127.0.0.1:" + closed + "\" ]\n"
              + "  tlsplat:\n    endpoints: [ \"tls://127.0.0.1:" + closed + "\", \"tls://127.0.0.1:"
              + silent.address().getPort() + "\" ]\n"
              + "  webplat:\n    endpoints: [ \"https://127.0.0.1:" + closed + "/\" ]\n");
      assertEquals(0, run("once", "--config", cfg.toString(), "--resolv-conf", dir.resolve("resolv.conf").toString(),
          "--retry-pause", "10ms"));
      String table = out.toString();
      String tcpRow = row(table, "tcp://127.0.0.1:" + closed);
      assertTrue(tcpRow.matches(".*\\s-\\s+refused\\s+-\\s+-\\s.*"), tcpRow);
      String tlsRefused = row(table, "tls://127.0.0.1:" + closed);
      assertTrue(tlsRefused.matches(".*\\s-\\s+refused\\s+not reached\\s+-\\s.*"), tlsRefused);
      String tlsSilent = row(table, "tls://127.0.0.1:" + silent.address().getPort());
      assertTrue(tlsSilent.matches(".*\\s-\\s+ok\\s+timed out\\s+-\\s.*"), tlsSilent);
      String https = row(table, "https://127.0.0.1:" + closed + "/");
      // HTTP goes only over a connection a flow made: none was, so no request was ever sent.
      assertTrue(https.matches(".*\\s-\\s+refused\\s+not reached\\s+not reached\\s.*"), https);
      assertFalse(table.contains("connection_refused"), table);
      assertFalse(table.contains("generic_timeout_error"), table);
      assertFalse(table.contains("failed"), table);
    }
  }

  private static String row(String table, String endpoint) {
    return table.lines().filter(l -> l.contains(" " + endpoint + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + endpoint + " in\n" + table));
  }
}
