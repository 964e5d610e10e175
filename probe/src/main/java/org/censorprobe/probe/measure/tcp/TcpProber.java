package org.censorprobe.probe.measure.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.probe.measure.bounds.Sockets;

/** TCP connect with a deadline. Stateless; safe for concurrent use. */
public final class TcpProber {
  private final Duration timeout;
  private final Sockets sockets;

  public TcpProber(Duration timeout) {
    this(timeout, new Sockets());
  }

  /** @param sockets the engine's count of open measuring sockets */
  public TcpProber(Duration timeout, Sockets sockets) {
    this.timeout = timeout;
    this.sockets = sockets;
  }

  public Duration timeout() {
    return timeout;
  }

  /** One connect with the step's own deadline and no overall budget. */
  public TcpAttempt connect(IpPort target, int attempt) {
    return connect(target, attempt, 0, Budget.unlimited());
  }

  /**
   * Never throws: a failed connect is an observation with a failure and a null socket. {@code flow} is the id the
   * observation carries (the connection's, shared with its handshake and HTTP exchange). A connect the budget left
   * no time for is not attempted and is recorded as {@code budget_exhausted}.
   */
  public TcpAttempt connect(IpPort target, int attempt, int flow, Budget budget) {
    Budget.Deadline deadline = budget.step(timeout);
    InetSocketAddress address = target.toSocketAddress();
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    int millis = deadline.remainingMillis();
    if (millis <= 0) {
      return new TcpAttempt(observation(target, attempt, flow, startedAt, start,
          budget.exhaustedFailure(Operation.CONNECT)), null);
    }
    FlowSocket socket = new FlowSocket(sockets);
    try {
      // No Nagle, as browsers and Go's net package: with it, the HTTP request written right after the client's TLS
      // Finished waits for the server's delayed ACK of the Finished (40 ms on Linux), which every https endpoint
      // paid in its time to first byte. It changes when segments leave, not what they hold.
      socket.setTcpNoDelay(true);
      socket.connect(address, millis);
      return new TcpAttempt(observation(target, attempt, flow, startedAt, start, null), socket);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      Failure failure = deadline.failure(ExceptionFailures.of(e, Operation.CONNECT));
      return new TcpAttempt(observation(target, attempt, flow, startedAt, start, failure), null);
    }
  }

  private static TcpObservation observation(IpPort target, int attempt, int flow, Instant startedAt, long start,
                                            Failure failure) {
    double durationMs = (System.nanoTime() - start) / 1_000_000.0;
    return new TcpObservation(target.address(), target.port(), attempt, startedAt, durationMs, failure, flow);
  }

  private static void closeQuietly(FlowSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing was sent on a socket that never connected.
    }
  }
}
