package org.censorprobe.probe.classify;

import java.util.List;

/** Everything one round measured, plus the only state carried between rounds (throttle history). */
public record RoundObservations(List<PlatformObservations> platforms, List<ControlObservations> controls,
                                ThrottleHistory history) {
  public RoundObservations {
    platforms = List.copyOf(platforms);
    controls = List.copyOf(controls);
    history = history == null ? ThrottleHistory.EMPTY : history;
  }
}
