package org.censorprobe.probe.control;

import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The JDK's default trust manager, for tests that need one but no particular CA. */
final class DefaultTrust {
  private DefaultTrust() {}

  static X509TrustManager get() throws Exception {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    for (var tm : f.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
    throw new IllegalStateException("no X509TrustManager");
  }
}
