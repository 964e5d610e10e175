package org.censorprobe.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MeasurementCodec#toJson} of one classified, successful HTTPS measurement (DNS A+AAAA, TCP, TLS with a two-certificate
 * chain, HTTP with a 2 KiB page sample): paid once per endpoint per round for the store and for --json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
@Fork(1)
public class MeasurementJsonBench {
  private Measurement ok;

  @Setup
  public void setUp() {
    var config = Fixtures.config(1, 0);
    var round = Fixtures.round(config, 0);
    List<Measurement> ms = Interpreters.ofOnce(config).interpret(round);
    ok = ms.get(0);
  }

  @Benchmark
  public String toJson() {
    return MeasurementCodec.toJson(ok);
  }
}
