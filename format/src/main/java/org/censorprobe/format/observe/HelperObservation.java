package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;

/**
 * What the remote control vantages said about this endpoint in this round. {@code answeredBy} is the helper whose
 * answer is kept (null when none answered: a blocked or dead helper is itself a finding); {@code responseJson} its
 * answer as received (bounded, checked to be a JSON object), in the test helper's format
 * (docs/control-protocol.md). {@code attempts} lists every helper asked, in order, including the hedged ones.
 */
public record HelperObservation(String answeredBy, Instant startedAt, double durationMs, List<Attempt> attempts,
                                String responseJson) {
  public HelperObservation {
    attempts = List.copyOf(attempts);
  }

  public boolean answered() {
    return answeredBy != null;
  }

  /** One helper asked: its HTTP status (0 when none came) and the failure, if any. */
  public record Attempt(String helper, double durationMs, int httpStatus, Failure failure) {}
}
