package org.censorprobe.probe.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.ControlObservations;
import org.censorprobe.probe.classify.EndpointEvidence;
import org.censorprobe.probe.classify.PlatformObservations;
import org.censorprobe.probe.classify.RoundObservations;
import org.censorprobe.probe.classify.RoundVerdicts;
import org.censorprobe.probe.classify.ThrottleHistory;
import org.censorprobe.probe.config.ProbeIdentity;
import org.censorprobe.probe.control.RemoteViews;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.observe.EndpointObservations;

/**
 * Hands a round's observations to the (pure) classifier and turns its verdicts into measurement records. The
 * only state between rounds is the throttle history, kept here per platform: platforms have their own schedules,
 * so a round of one platform must not reset another's streak.
 */
public final class ClassifyingInterpreter implements RoundRunner.Interpreter {
  private final ProbeIdentity probe;
  private final Classifier classifier;
  private final Map<String, Integer> slowRounds = new HashMap<>();

  public ClassifyingInterpreter(ProbeIdentity probe, Classifier classifier) {
    this.probe = probe;
    this.classifier = classifier;
  }

  @Override
  public List<Measurement> interpret(String roundId, RoundRunner.RoundObservations round) {
    List<PlatformObservations> platforms = new ArrayList<>();
    for (var p : round.platforms()) {
      List<EndpointEvidence> evidence = new ArrayList<>();
      for (EndpointObservations o : p.endpoints()) evidence.add(new EndpointEvidence(o, RemoteViews.of(o.helper())));
      platforms.add(new PlatformObservations(p.platform().id(), p.platform().name(), evidence));
    }
    List<ControlObservations> controls = new ArrayList<>();
    for (var c : round.controls()) controls.add(new ControlObservations(c.target(), c.observations()));

    RoundVerdicts verdicts;
    synchronized (slowRounds) {
      verdicts = classifier.classify(new RoundObservations(platforms, controls, new ThrottleHistory(slowRounds)));
      for (var p : round.platforms()) {
        slowRounds.keySet().removeIf(k -> k.startsWith(p.platform().id() + " "));
      }
      slowRounds.putAll(verdicts.history().slowRounds());
    }

    List<Measurement> out = new ArrayList<>();
    for (var p : round.platforms()) {
      var platformVerdict = verdicts.platforms().get(p.platform().id());
      for (EndpointObservations o : p.endpoints()) {
        Classification c = verdicts.endpoint(p.platform().id(), o.endpoint().spec());
        out.add(new Measurement(UUID.randomUUID().toString(), roundId, o.startedAt(), probe,
            Measurement.ROLE_PLATFORM, p.platform().id(), p.platform().name(), false, c, platformVerdict,
            verdicts.summary(), o));
      }
    }
    for (var c : round.controls()) {
      EndpointObservations o = c.observations();
      out.add(new Measurement(UUID.randomUUID().toString(), roundId, o.startedAt(), probe, Measurement.ROLE_CONTROL,
          "control", "Control", c.target().domestic(), verdicts.controls().get(o.endpoint().spec()), null,
          verdicts.summary(), o));
    }
    return out;
  }
}
