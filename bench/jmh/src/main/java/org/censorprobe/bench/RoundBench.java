package org.censorprobe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.probe.cli.Main;

/**
 * The cost of one round in a warm JVM: runs {@code probe once --json} several times in one process, through the
 * same command line object the jar's main uses (config load, engine, round, classification, JSON encoding), and
 * prints one JSON line per round with its wall time and the CPU the whole process spent during it
 * (utime + stime of /proc/self/stat, so GC and JIT threads count). The first rounds carry class loading and JIT
 * compilation; the last one is the steady state that bench/run reports as "round only".
 *
 * <pre>java -cp benchmarks.jar org.censorprobe.bench.RoundBench --config FILE --resolv-conf FILE [--rounds 3]</pre>
 */
public final class RoundBench {
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux this bench runs on

  private RoundBench() {}

  public static void main(String[] args) throws IOException {
    String config = null;
    String resolvConf = null;
    int rounds = 3;
    Path lastRoundOut = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = args[++i];
        case "--resolv-conf" -> resolvConf = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--last-round-out" -> lastRoundOut = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (config == null || resolvConf == null) {
      throw new IllegalArgumentException(
          "usage: RoundBench --config FILE --resolv-conf FILE [--rounds N] [--last-round-out FILE]");
    }
    PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    for (int r = 1; r <= rounds; r++) {
      // The last round's records, for reading step timings of a warm JVM (kept only when asked: holding a round's
      // output would distort the memory figures).
      Writer tee = r == rounds && lastRoundOut != null
          ? Files.newBufferedWriter(lastRoundOut, StandardCharsets.UTF_8) : null;
      VerdictCounter counter = new VerdictCounter(tee);
      StringWriter err = new StringWriter();
      var cmd = Main.commandLine();
      cmd.setOut(new PrintWriter(counter));
      cmd.setErr(new PrintWriter(err));
      java.util.Map<String, Long> threads0 = cpuTicksByThreadGroup();
      long cpu0 = processCpuTicks();
      long t0 = System.nanoTime();
      int exit = cmd.execute("once", "--json", "--config", config, "--resolv-conf", resolvConf);
      long wallNanos = System.nanoTime() - t0;
      long cpuTicks = processCpuTicks() - cpu0;
      java.util.Map<String, Long> threads = cpuTicksByThreadGroup();
      threads0.forEach((k, v) -> threads.merge(k, -v, Long::sum));
      counter.flush();
      if (tee != null) tee.close();
      if (exit != 0) {
        System.err.print(err);
        System.exit(exit);
      }
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      stdout.printf("{\"round\":%d,\"wall_ms\":%.1f,\"cpu_ms\":%d,\"platform_endpoints\":%d,\"ok\":%d,"
              + "\"verdicts\":%s,\"json_bytes\":%d,\"heap_used_mib\":%.1f,\"heap_committed_mib\":%.1f,"
              + "\"vm_hwm_kib\":%d,\"cpu_ms_by_thread\":%s}%n",
          r, wallNanos / 1e6, cpuTicks * 1000 / CLOCK_TICKS_PER_SECOND, counter.platformLines, counter.platformOk,
          counter.verdictsJson(), counter.bytes, heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0,
          vmHwmKib(), threadsJson(threads));
    }
  }

  /** utime + stime of this process, all threads, in clock ticks. */
  static long processCpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU ticks of this process's threads, grouped by thread name with digits removed ("C2 CompilerThread",
   * "GC Thread#", "probe-task-"): says how much of a round goes to JIT and GC rather than measuring.
   * Threads that ended during the round are missing here but counted in the process total.
   */
  static java.util.Map<String, Long> cpuTicksByThreadGroup() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "");
          String[] f = stat.substring(close + 2).split(" ");
          out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        } catch (IOException gone) {
          // the thread ended while we looked
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  static String threadsJson(java.util.Map<String, Long> ticks) {
    List<String> parts = new ArrayList<>();
    ticks.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> parts.add("\"" + e.getKey().replace("\"", "") + "\":" + e.getValue() * 1000 / CLOCK_TICKS_PER_SECOND));
    return "{" + String.join(",", parts) + "}";
  }

  static long vmHwmKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    return -1;
  }

  /**
   * Reads the JSON lines as they are written and keeps only counts: the output of a 5,000-endpoint round is tens
   * of MB, and holding it would distort the memory figures.
   */
  static final class VerdictCounter extends Writer {
    private final StringBuilder line = new StringBuilder(8192);
    private final java.util.TreeMap<String, Integer> verdicts = new java.util.TreeMap<>();
    private final Writer tee;
    long bytes;

    VerdictCounter(Writer tee) {
      this.tee = tee;
    }
    int platformLines;
    int platformOk;

    @Override
    public void write(char[] buf, int off, int len) {
      if (tee != null) {
        try {
          tee.write(buf, off, len);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      for (int i = off; i < off + len; i++) {
        char c = buf[i];
        if (c == '\n') {
          endLine();
        } else {
          line.append(c);
        }
      }
      bytes += len;
    }

    private void endLine() {
      String l = line.toString();
      line.setLength(0);
      if (!l.contains("\"role\":\"platform\"")) return;
      platformLines++;
      // The first "verdict" is the endpoint's own; platform_verdict's comes later in the line.
      int at = l.indexOf("\"verdict\":\"");
      if (at < 0) return;
      int start = at + "\"verdict\":\"".length();
      String v = l.substring(start, l.indexOf('"', start));
      verdicts.merge(v, 1, Integer::sum);
      if (v.equals("ok")) platformOk++;
    }

    String verdictsJson() {
      List<String> parts = new ArrayList<>();
      verdicts.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
      return "{" + String.join(",", parts) + "}";
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
