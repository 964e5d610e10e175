package org.censorprobe.probe.measure.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;

/** TCP connect with a deadline. Stateless; safe for concurrent use. */
public final class TcpProber {
  private final Duration timeout;

  public TcpProber(Duration timeout) {
    this.timeout = timeout;
  }

  /** Never throws: a failed connect is an observation with a failure and a null socket. */
  public TcpAttempt connect(InetSocketAddress address, int attempt) {
    throw new UnsupportedOperationException("TODO(tcp/tls helper)");
  }
}
