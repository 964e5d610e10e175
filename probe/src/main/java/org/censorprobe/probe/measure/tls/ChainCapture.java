package org.censorprobe.probe.measure.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain during the handshake and remembers it, so that an interception or otherwise invalid
 * certificate is recorded as evidence instead of aborting the handshake. Validation happens afterwards, against
 * the real trust store. One instance per handshake. Extended, so the JDK adds no checks of its own around it.
 */
final class ChainCapture extends X509ExtendedTrustManager {
  private volatile List<X509Certificate> chain = List.of();
  private volatile String authType;

  List<X509Certificate> chain() {
    return chain;
  }

  /** The key exchange / signature type the JDK validated with; the validator needs the same one. */
  String authType() {
    return authType;
  }

  private void capture(X509Certificate[] presented, String type) {
    chain = presented == null ? List.of() : List.of(presented);
    authType = type;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String type, Socket socket) {
    capture(presented, type);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String type, SSLEngine engine) {
    capture(presented, type);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] presented, String type) {
    capture(presented, type);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String type, Socket socket)
      throws CertificateException {
    throw new CertificateException("a probe never accepts client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String type, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a probe never accepts client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] presented, String type) throws CertificateException {
    throw new CertificateException("a probe never accepts client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
