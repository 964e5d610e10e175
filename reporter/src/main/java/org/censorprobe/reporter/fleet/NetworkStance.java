package org.censorprobe.reporter.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.incidents.ControlsDuring;

/**
 * What one network's probe saw of one platform during a fleet event's window. {@code from}/{@code to} are its own
 * blocked span for {@link Kind#BLOCKED} (to null while ongoing), else the window looked at. {@code what} says it in
 * the incidents' words; {@code controls} are the probe's controls in that span (for a blocked network, in its
 * failing rounds, as the incident counts them). {@code noData} is how much of the window had no round.
 */
public record NetworkStance(ProbeIdentity network, Kind kind, Instant from, Instant to, String what,
                            ControlsDuring controls, int okRounds, int failingRounds, Duration noData,
                            List<String> incidentIds) {
  public NetworkStance {
    incidentIds = List.copyOf(incidentIds);
  }

  /**
   * Blocked and reachable are counted only from the probe's own verdicts: blocked where a blocked incident says
   * so, reachable where every round measured ok. A network whose own controls failed, or with failures too few or
   * too mixed to be called, or without data, is named as such and counted on neither side.
   */
  public enum Kind {
    BLOCKED, REACHABLE, NOT_COUNTED, CONTROLS_FAILED, NO_DATA;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
