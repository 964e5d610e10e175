package org.censorprobe.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.round.RoundRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreting a whole round (observations -> verdicts -> measurement records) with the interpreter
 * {@code probe once} uses ({@link Interpreters#ofOnce}). {@code failEvery}: every n-th endpoint fails at DNS or
 * TLS (0 = all succeed), so the blocking/technical paths run too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpretRoundBench {
  @Param({"1000"})
  int endpoints;

  @Param({"0", "10"})
  int failEvery;

  private RoundRunner.Interpreter interpreter;
  private RoundRecords round;

  @Setup
  public void setUp() {
    ProbeConfig config = Fixtures.config(endpoints, 3);
    interpreter = Interpreters.ofOnce(config);
    round = Fixtures.round(config, failEvery);
  }

  @Benchmark
  public List<Measurement> interpret() {
    return interpreter.interpret(round);
  }
}
