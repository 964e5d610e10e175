package org.censorprobe.probe.observe;

import java.time.Instant;
import java.util.List;

/**
 * One TLS handshake to one address with one server name, one attempt. The handshake and the validation are
 * separate facts: an interception certificate completes the handshake ({@code failure} null), is recorded in
 * {@code chain}, and fails validation ({@code validationFailure} = ssl_unknown_authority). {@code chain} is what
 * the server sent, leaf first, whether or not it validates; empty when the handshake failed before it.
 */
public record TlsObservation(
    String address,
    int port,
    String serverName,
    int attempt,
    Instant startedAt,
    double durationMs,
    String protocol,
    String cipherSuite,
    String alpn,
    List<CertificateInfo> chain,
    Failure failure,
    Failure validationFailure) {

  public TlsObservation {
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  public boolean handshakeOk() {
    return failure == null;
  }

  /** Handshake completed and the chain validated for the server name. */
  public boolean ok() {
    return failure == null && validationFailure == null;
  }
}
