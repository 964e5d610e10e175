package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control-server as a real process: its start line and a real SIGTERM. */
class ControlServerCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void logsWhereItListensAndStopsWithOneLineAndExitZeroOnSigterm() throws Exception {
    Path resolv = dir.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver 127.0.0.1\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.censorprobe.probe.cli.Main", "control-server", "--listen", "127.0.0.1:0",
        "--resolv-conf", resolv.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.contains("control-server listening on")) break;
      }
      String listening = lines.get(lines.size() - 1);
      assertTrue(listening.matches(".*control-server listening on 127\\.0\\.0\\.1:\\d+$"), listening);
      p.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
      while ((line = r.readLine()) != null) lines.add(line);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.endsWith("control-server stopping on SIGTERM")), lines::toString);
    assertFalse(lines.stream().anyMatch(l -> l.contains("/127.0.0.1")), lines::toString);
  }
}
