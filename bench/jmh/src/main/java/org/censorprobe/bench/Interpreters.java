package org.censorprobe.bench;

import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.round.UnclassifiedInterpreter;

/** The interpreter `probe once` wires in (kept in step with cli/OnceCommand by hand). */
final class Interpreters {
  private Interpreters() {}

  static RoundRunner.Interpreter ofOnce(ProbeConfig config) {
    return new UnclassifiedInterpreter(config);
  }
}
