package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.record.Measurement;

/**
 * A round judged: the platform and control records with their judgements (in the order given), one record per
 * resolver, and the throttle history to hand to the next round of the same platforms.
 */
public record JudgedRound(List<Measurement> platforms, List<Measurement> controls, List<Measurement> resolvers,
                          ThrottleHistory history) {
  public JudgedRound {
    platforms = List.copyOf(platforms);
    controls = List.copyOf(controls);
    resolvers = List.copyOf(resolvers);
  }

  /** Platforms, then controls, then resolvers: the order records are stored and printed in. */
  public List<Measurement> all() {
    List<Measurement> out = new ArrayList<>(platforms);
    out.addAll(controls);
    out.addAll(resolvers);
    return out;
  }
}
