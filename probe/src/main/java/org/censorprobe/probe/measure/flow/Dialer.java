package org.censorprobe.probe.measure.flow;

import java.util.List;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.tcp.TcpAttempt;
import org.censorprobe.probe.measure.tcp.TcpProber;
import org.censorprobe.probe.measure.tls.TlsProber;

/**
 * Opens one flow: a TCP connect and, for TLS, one handshake on that connection; both recorded with the flow's id
 * before anything else happens. The connection is handed out only when it is usable for HTTP: connected, and for
 * TLS handshaken with a chain that validated for the name. Stateless; safe for concurrent use.
 */
public final class Dialer {
  private final TcpProber tcp;
  private final TlsProber tls;

  public Dialer(TcpProber tcp, TlsProber tls) {
    this.tcp = tcp;
    this.tls = tls;
  }

  /** What a TLS flow sends: the server name (null: none, for an IP literal) and the ALPN list offered. */
  public record TlsSpec(String serverName, List<String> alpn) {
    public TlsSpec {
      alpn = List.copyOf(alpn);
    }
  }

  /** Where the handshake is recorded: with the endpoint's handshakes, or as an SNI swap. */
  public enum Kind { MAIN, SNI_SWAP }

  /**
   * What one flow got to. {@code connection}: open and usable (the caller closes it), else null. {@code tls} is
   * null for a plain flow or when the connect failed.
   */
  public record Dialed(int flow, IpPort target, Connection connection, TcpObservation tcp, TlsObservation tls) {
    public boolean connected() {
      return tcp.ok();
    }

    /** Connected and, for TLS, handshaken (validated or not). */
    public boolean established() {
      return tcp.ok() && (tls == null || tls.handshakeOk());
    }

    /** Why there is no usable connection: the connect's, the handshake's or the validation's failure. */
    public Failure failure() {
      if (!tcp.ok()) return tcp.failure();
      if (tls == null) return null;
      return tls.failure() != null ? tls.failure() : tls.validationFailure();
    }
  }

  /**
   * One flow to {@code target}: plain when {@code spec} is null. Never throws. The attempt is the next for the
   * address unless given (the SNI swap shares the attempt it follows: see {@link FlowRecorder#start}).
   */
  public Dialed dial(IpPort target, TlsSpec spec, Kind kind, Integer attemptOrNext, FlowRecorder record,
                     Budget budget) {
    if (budget.exhausted()) {
      // No connection is made, so none is recorded (a connect that never happened must not read as the address's
      // latest state); the caller records what it could not do.
      TcpObservation none = new TcpObservation(target.address(), target.port(), 0, java.time.Instant.now(), 0,
          budget.exhaustedFailure(org.censorprobe.format.observe.Operation.CONNECT), 0);
      return new Dialed(0, target, null, none, null);
    }
    FlowRecorder.Start start = record.start(target.address(), attemptOrNext);
    int flow = start.flow();
    int attempt = start.attempt();
    TcpAttempt c = tcp.connect(target, attempt, flow, budget);
    record.tcp(c.observation());
    if (c.socket() == null) {
      if (kind == Kind.SNI_SWAP && spec != null) {
        // The swap's handshake never started: recorded as such, so the swap shows it was tried.
        TcpObservation t = c.observation();
        record.sniSwap(new TlsObservation(t.address(), t.port(), spec.serverName(), attempt, t.startedAt(),
            t.durationMs(), null, null, null, List.of(), t.failure(), null, flow));
      }
      return new Dialed(flow, target, null, c.observation(), null);
    }
    if (spec == null) {
      return new Dialed(flow, target, new Connection(flow, target, c.socket(), null, null), c.observation(), null);
    }
    TlsProber.TlsAttempt h = tls.handshake(c.socket(), spec.serverName(), spec.alpn(), attempt, flow, budget);
    if (kind == Kind.SNI_SWAP) record.sniSwap(h.observation());
    else record.tls(h.observation());
    if (h.socket() == null) return new Dialed(flow, target, null, c.observation(), h.observation());
    if (!h.observation().ok() || kind == Kind.SNI_SWAP) {
      // Never handed on: HTTP must not go through a connection whose chain did not validate (an interception
      // box), and the swap's neutral name is not the endpoint's.
      new Connection(flow, target, c.socket(), h.socket(), spec.serverName()).close();
      return new Dialed(flow, target, null, c.observation(), h.observation());
    }
    return new Dialed(flow, target, new Connection(flow, target, c.socket(), h.socket(), spec.serverName()),
        c.observation(), h.observation());
  }
}
