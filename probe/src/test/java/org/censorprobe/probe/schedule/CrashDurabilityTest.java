package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of rounds loses nothing that was logged as stored, and leaves a database that opens
 * clean. The child is a real JVM writing through the real store; the kill lands wherever it lands.
 */
class CrashDurabilityTest {
  private static final Pattern STORED = Pattern.compile("stored (\\d+) measurements of round (\\S+)");
  private static final String EOF = "\u0000eof";

  @TempDir Path dir;

  @Test
  void sigkillLosesNoMeasurementLoggedAsStored() throws Exception {
    Path db = dir.resolve("crash.db");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), CrashFixture.class.getName(), db.toString())
        .redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (java.io.IOException ignored) {
        // the child died: what it wrote is what we have
      } finally {
        lines.add(EOF);
      }
    });
    reader.setDaemon(true);
    reader.start();

    Map<String, Integer> stored = new LinkedHashMap<>();
    StringBuilder output = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try {
      while (stored.size() < 8) {
        String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertNotNull(l, "no 8 rounds stored before the deadline:\n" + output);
        assertTrue(!l.equals(EOF), "child exited early:\n" + output);
        output.append(l).append('\n');
        Matcher m = STORED.matcher(l);
        if (m.find()) stored.put(m.group(2), Integer.parseInt(m.group(1)));
      }
    } finally {
      child.destroyForcibly(); // SIGKILL, mid-round: rounds are back to back
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    // Lines the child wrote before it died count too.
    for (String l; !(l = lines.take()).equals(EOF); ) {
      Matcher m = STORED.matcher(l);
      if (m.find()) stored.put(m.group(2), Integer.parseInt(m.group(1)));
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         PreparedStatement count = c.prepareStatement("SELECT count(*) FROM measurements WHERE round_id = ?")) {
      ResultSet ok = s.executeQuery("PRAGMA integrity_check");
      ok.next();
      assertEquals("ok", ok.getString(1));
      for (var e : stored.entrySet()) {
        count.setString(1, e.getKey());
        ResultSet r = count.executeQuery();
        r.next();
        assertEquals(e.getValue(), r.getInt(1), "round " + e.getKey() + " was logged as stored");
      }
      ResultSet all = s.executeQuery("SELECT count(*) FROM measurements");
      all.next();
      assertTrue(all.getInt(1) >= stored.values().stream().mapToInt(Integer::intValue).sum());
      assertTrue(List.of(20).containsAll(stored.values()));
    }
  }
}
