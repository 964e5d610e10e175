package org.censorprobe.probe.round;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.observe.EndpointObservations;

/**
 * One round: the chosen platforms' endpoints and every control, measured together so that each verdict has fresh
 * controls, then interpreted, then turned into measurement records.
 */
public final class RoundRunner {
  private final ProbeEngine engine;
  private final Interpreter interpreter;

  public RoundRunner(ProbeEngine engine, Interpreter interpreter) {
    this.engine = engine;
    this.interpreter = interpreter;
  }

  /** The result of a round: every platform endpoint's measurement, then every control's. */
  public record RoundReport(String roundId, List<Measurement> measurements) {}

  /** The observations of a round, grouped as measured. */
  public record RoundObservations(List<PlatformObservations> platforms, List<ControlObservations> controls) {}

  public record PlatformObservations(Platform platform, List<EndpointObservations> endpoints) {}

  public record ControlObservations(ControlTarget target, EndpointObservations observations) {}

  /** Turns a round's observations into measurement records; the classifier lives behind it. */
  public interface Interpreter {
    List<Measurement> interpret(String roundId, RoundObservations round);
  }

  public RoundReport run(List<Platform> platforms, IntConsumer progress) {
    ProbeConfig config = engine.config();
    List<Endpoint> all = new ArrayList<>();
    for (Platform p : platforms) all.addAll(p.endpoints());
    for (ControlTarget c : config.control().targets()) all.add(c.endpoint());

    List<EndpointObservations> observed = engine.round().measure(all, progress);

    int i = 0;
    List<PlatformObservations> ps = new ArrayList<>();
    for (Platform p : platforms) {
      ps.add(new PlatformObservations(p, observed.subList(i, i + p.endpoints().size())));
      i += p.endpoints().size();
    }
    List<ControlObservations> cs = new ArrayList<>();
    for (ControlTarget c : config.control().targets()) cs.add(new ControlObservations(c, observed.get(i++)));

    String roundId = UUID.randomUUID().toString();
    return new RoundReport(roundId, interpreter.interpret(roundId, new RoundObservations(ps, cs)));
  }

  /** Total endpoints a round over {@code platforms} measures, controls included (for progress). */
  public int size(List<Platform> platforms) {
    return platforms.stream().mapToInt(p -> p.endpoints().size()).sum() + engine.config().control().targets().size();
  }
}
