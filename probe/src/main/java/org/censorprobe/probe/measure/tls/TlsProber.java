package org.censorprobe.probe.measure.tls;

import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.observe.TlsObservation;

/**
 * A TLS handshake on an already connected socket. Records the chain as presented whether or not it validates,
 * then validates it against {@code trust} and the server name as a separate result.
 */
public final class TlsProber {
  private final Duration timeout;
  private final X509TrustManager trust;

  public TlsProber(Duration timeout, X509TrustManager trust) {
    this.timeout = timeout;
    this.trust = trust;
  }

  /** Never throws; always closes {@code socket}. */
  public TlsObservation handshake(Socket socket, String serverName, int attempt) {
    throw new UnsupportedOperationException("TODO(tcp/tls helper)");
  }
}
