package org.censorprobe.probe.measure.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.censorprobe.probe.measure.ExceptionFailures;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.TcpObservation;

/** TCP connect with a deadline. Stateless; safe for concurrent use. */
public final class TcpProber {
  private final Duration timeout;

  public TcpProber(Duration timeout) {
    this.timeout = timeout;
  }

  /** Never throws: a failed connect is an observation with a failure and a null socket. */
  public TcpAttempt connect(IpPort target, int attempt) {
    InetSocketAddress address = target.toSocketAddress();
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    IpAddress host = target.address();
    Socket socket = new Socket();
    try {
      socket.connect(address, timeoutMillis());
      return new TcpAttempt(observation(host, address, attempt, startedAt, start, null), socket);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      Failure failure = ExceptionFailures.of(e, Operation.CONNECT);
      return new TcpAttempt(observation(host, address, attempt, startedAt, start, failure), null);
    }
  }

  private int timeoutMillis() {
    // Socket.connect treats 0 as "no timeout": never let a rounding of a tiny timeout become infinite.
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  private static TcpObservation observation(IpAddress host, InetSocketAddress address, int attempt,
                                            Instant startedAt, long start, Failure failure) {
    double durationMs = (System.nanoTime() - start) / 1_000_000.0;
    return new TcpObservation(host, address.getPort(), attempt, startedAt, durationMs, failure, 0);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing was sent on a socket that never connected.
    }
  }
}
