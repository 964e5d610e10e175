package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;

/**
 * One TLS handshake to one address with one server name, one attempt. The handshake and the validation are
 * separate facts: an interception certificate completes the handshake ({@code failure} null), is recorded in
 * {@code chain}, and fails validation ({@code validationFailure} = ssl_unknown_authority). {@code chain} is what
 * the server sent, leaf first, whether or not it validates; empty when the handshake failed before it.
 * {@code flow}: the connection it ran on (see {@link TcpObservation#flow()}).
 */
public record TlsObservation(
    IpAddress address,
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
    Failure validationFailure,
    int flow) {

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

  public IpPort target() {
    return new IpPort(address, port);
  }
}
