package org.censorprobe.probe.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.classify.Confidence;
import org.censorprobe.probe.classify.Verdict;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.observe.EndpointObservations;

/**
 * Records without guessing, until the classifier is wired in: {@code ok} when every step succeeded,
 * {@code inconclusive} otherwise, method null.
 */
public final class UnclassifiedInterpreter implements RoundRunner.Interpreter {
  private final ProbeConfig config;

  public UnclassifiedInterpreter(ProbeConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> interpret(String roundId, RoundRunner.RoundObservations round) {
    List<Measurement> out = new ArrayList<>();
    for (var p : round.platforms()) {
      for (EndpointObservations o : p.endpoints()) {
        out.add(measurement(roundId, Measurement.ROLE_PLATFORM, p.platform().id(), p.platform().name(), false, o));
      }
    }
    for (var c : round.controls()) {
      out.add(measurement(roundId, Measurement.ROLE_CONTROL, "control", "Control", c.target().domestic(),
          c.observations()));
    }
    return out;
  }

  private Measurement measurement(String roundId, String role, String platform, String name, boolean domestic,
                                  EndpointObservations o) {
    boolean ok = StepOutcomes.of(o).allOk();
    Classification c = new Classification(ok ? Verdict.OK : Verdict.INCONCLUSIVE, null, Confidence.LOW,
        ok ? "every step succeeded" : "a step failed; not classified", Map.of());
    return new Measurement(UUID.randomUUID().toString(), roundId, o.startedAt(), config.probe(), role, platform,
        name, domestic, c, null, null, o);
  }
}
