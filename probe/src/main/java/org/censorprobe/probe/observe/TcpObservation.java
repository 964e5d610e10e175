package org.censorprobe.probe.observe;

import java.time.Instant;

/** One TCP connect to one address, one attempt. */
public record TcpObservation(String address, int port, int attempt, Instant startedAt, double durationMs,
                             Failure failure) {
  public boolean ok() {
    return failure == null;
  }
}
