package org.censorprobe.probe.round;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.privacy.RecordScrubbing;

/**
 * One round: the chosen platforms' endpoints and every control, measured together so that each verdict has fresh
 * controls. Measuring and judging are separate steps: the round's observations become records first (what a
 * store keeps and a later classifier can judge again), and only those records are handed to the interpreter.
 */
public final class RoundRunner {
  private final ProbeEngine engine;
  private final Interpreter interpreter;
  private final RecordScrubbing scrubbing;

  public RoundRunner(ProbeEngine engine, Interpreter interpreter) {
    this(engine, interpreter, RecordScrubbing.ofThisMachine());
  }

  /** @param scrubbing takes the probe's own addresses out of the records before they are judged */
  public RoundRunner(ProbeEngine engine, Interpreter interpreter, RecordScrubbing scrubbing) {
    this.engine = engine;
    this.interpreter = interpreter;
    this.scrubbing = scrubbing;
  }

  /** The result of a round: every platform endpoint's record, then every control's, then every resolver's. */
  public record RoundReport(String roundId, List<Measurement> measurements) {}

  /** Judges a round's records; the classifier lives behind it. */
  public interface Interpreter {
    List<Measurement> interpret(RoundRecords round);
  }

  public RoundReport run(List<Platform> platforms, IntConsumer progress) {
    ProbeConfig config = engine.config();
    List<Endpoint> all = new ArrayList<>();
    for (Platform p : platforms) all.addAll(p.endpoints());
    for (ControlTarget c : config.control().targets()) all.add(c.endpoint());

    List<EndpointObservations> observed = engine.round().measure(all, progress);

    String roundId = UUID.randomUUID().toString();
    ProbeIdentity probe = config.probe();
    int i = 0;
    List<Measurement> ps = new ArrayList<>();
    for (Platform p : platforms) {
      for (Endpoint e : p.endpoints()) {
        EndpointObservations o = observed.get(i++);
        ps.add(new Measurement(UUID.randomUUID().toString(), roundId, o.startedAt(), probe, Role.PLATFORM, p.id(),
            p.name(), false, e.spec(), null, null, o, null, List.of()));
      }
    }
    List<Measurement> cs = new ArrayList<>();
    for (ControlTarget c : config.control().targets()) {
      EndpointObservations o = observed.get(i++);
      cs.add(new Measurement(UUID.randomUUID().toString(), roundId, o.startedAt(), probe, Role.CONTROL,
          Measurement.CONTROL_PLATFORM, "Control", c.domestic(), c.endpoint().spec(), null, c.expect(), o, null,
          List.of()));
    }
    // The one place a round's records lose the probe's own addresses: before judging, so the evidence is clean too.
    return new RoundReport(roundId, interpreter.interpret(scrubbing.apply(new RoundRecords(roundId, ps, cs))));
  }

  /** Total endpoints a round over {@code platforms} measures, controls included (for progress). */
  public int size(List<Platform> platforms) {
    return platforms.stream().mapToInt(p -> p.endpoints().size()).sum() + engine.config().control().targets().size();
  }
}
