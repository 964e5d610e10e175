package org.censorprobe.format.observe;

import java.time.Instant;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;

/**
 * One TCP connect to one address, one attempt. {@code flow} links the connect to the TLS handshake and HTTP
 * exchange made over the same connection (OONI's transaction id); 0 when unknown (records before schema 2).
 */
public record TcpObservation(IpAddress address, int port, int attempt, Instant startedAt, double durationMs,
                             Failure failure, int flow) {
  public boolean ok() {
    return failure == null;
  }

  public IpPort target() {
    return new IpPort(address, port);
  }
}
