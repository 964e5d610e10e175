package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * How one control did on the user's path: {@code failedAt} the method of its first failed step (null: it was
 * reached), and, when it was reached, the figures throttling compares against. A control is reached when the
 * system resolver answered (or it is a literal), a connect worked, the TLS chain validated where it needs TLS, and
 * the final HTTP response is below 500 and, where the control defines what it serves, is that.
 */
record ControlOutcome(Measurement record, EndpointView view, Method failedAt, Double handshakeMs, Double ttfbMs,
                      Double bytesPerSecond) {
  /** Transfer rates of smaller bodies are dominated by latency and say nothing about bandwidth. */
  static final long MIN_RATE_BYTES = 64 * 1024;

  boolean ok() {
    return failedAt == null;
  }

  boolean domestic() {
    return record.domestic();
  }

  static ControlOutcome of(Measurement record) {
    EndpointView v = new EndpointView(record.observations());
    Method failed = firstFailure(v, record.expect());
    if (failed != null) return new ControlOutcome(record, v, failed, null, null, null);
    Double hs = null;
    for (IpPort t : v.pathTargets()) {
      TlsObservation h = v.tls.get(t);
      if (h != null && h.ok()) {
        hs = h.durationMs();
        break;
      }
    }
    HttpExchange last = v.lastHop();
    Double ttfb = last == null ? null : last.timeToFirstByteMs();
    Double rate = last != null && last.bodyLength() >= MIN_RATE_BYTES ? last.transferBytesPerSecond() : null;
    return new ControlOutcome(record, v, null, hs, ttfb, rate);
  }

  private static Method firstFailure(EndpointView v, ContentExpectation expect) {
    if (!v.literal && (v.system == null || !v.system.answered())) {
      return MethodOf.dns(v.system == null ? null : v.system.failure());
    }
    if (!v.endpoint.dials()) return null;
    List<IpPort> connected = new ArrayList<>();
    FailureType tcpFailure = null;
    for (IpPort t : v.pathTargets()) {
      TcpObservation c = v.tcp.get(t);
      if (c != null && c.ok()) connected.add(t);
      else if (c != null && tcpFailure == null) tcpFailure = c.failure().type();
    }
    if (connected.isEmpty()) return MethodOf.tcp(tcpFailure);
    if (v.endpoint.needsTls()) {
      boolean validated = connected.stream().anyMatch(v::validatedOn);
      if (!validated) {
        TlsObservation first = connected.stream().map(v.tls::get).filter(h -> h != null).findFirst().orElse(null);
        if (first != null && first.handshakeOk()) return Method.TLS_SERVER_CERTIFICATE;
        return MethodOf.tls(first == null ? null : first.failure().type());
      }
    }
    if (v.endpoint.kind() == Endpoint.Kind.URL) {
      HttpExchange last = v.lastHop();
      if (last == null) return Method.HTTP_FAILURE;
      if (!last.ok()) return MethodOf.http(last.failure().type());
      if (last.statusCode() >= 500) return Method.HTTP_SERVER_ERROR;
      if (expect != null && !expect.matches(last.statusCode(), last.bodySample())) {
        return Method.CONTROL_UNEXPECTED_CONTENT;
      }
    }
    return null;
  }
}
