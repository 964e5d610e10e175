package org.censorprobe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JMH benchmarks' operations, timed in CPU time of the calling thread rather than wall time: on a machine
 * shared with other work (where JMH's wall-clock scores swing by several times) this stays close to what the
 * operation costs. Single-threaded; allocation and GC on other threads are not counted.
 *
 * <pre>java -cp benchmarks.jar org.censorprobe.bench.CpuPerOp [seconds per operation, default 5]</pre>
 * Prints one JSON object: microseconds of CPU per operation.
 */
public final class CpuPerOp {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private CpuPerOp() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    Map<String, Double> out = new LinkedHashMap<>();

    MeasurementJsonBench json = new MeasurementJsonBench();
    json.setUp();
    out.put("MeasurementJson.toJson", time(json::toJson, seconds));

    BlockpageMatchBench bp = new BlockpageMatchBench();
    bp.setUp();
    out.put("Fingerprints.blockpage (shipped), one ok response", time(bp::shipped, seconds));
    out.put("blockpage check, blockpage patterns first", time(bp::blockpageFirst, seconds));
    out.put("blockpage check, blockpage first + literal patterns by String.contains", time(bp::literalFirst, seconds));

    for (int failEvery : new int[] {0, 10}) {
      InterpretRoundBench ir = new InterpretRoundBench();
      ir.endpoints = 1000;
      ir.failEvery = failEvery;
      ir.setUp();
      double perRound = time(ir::interpret, seconds);
      out.put("classify a round of 1000 endpoints, per endpoint (failEvery=" + failEvery + ")", perRound / 1000);
    }
    StringBuilder s = new StringBuilder("{");
    out.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(String.format("%.1f", v)));
    System.out.println(s.append('}'));
  }

  /** Warms up for a third of the budget, then returns CPU microseconds per call over the rest. */
  static double time(Supplier<?> op, double seconds) {
    long budget = (long) (seconds * 1e9);
    long warmEnd = THREADS.getCurrentThreadCpuTime() + budget / 3;
    while (THREADS.getCurrentThreadCpuTime() < warmEnd) sink = op.get();
    long start = THREADS.getCurrentThreadCpuTime();
    long end = start + budget * 2 / 3;
    long calls = 0;
    long now;
    do {
      sink = op.get();
      calls++;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now < end);
    return (now - start) / 1e3 / calls;
  }
}
