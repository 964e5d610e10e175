package org.censorprobe.bench;

import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.round.ClassifyingInterpreter;
import org.censorprobe.probe.round.RoundRunner;

/** The interpreter `probe once` and the daemon wire in (kept in step with cli/OnceCommand by hand). */
final class Interpreters {
  private Interpreters() {}

  static RoundRunner.Interpreter ofOnce(ProbeConfig config) {
    return new ClassifyingInterpreter(new Classifier(config.classifier(), Fingerprints.load(config.classifier())),
        java.time.Clock.systemUTC());
  }
}
