package org.censorprobe.probe.measure.http;

import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A trust manager that trusts exactly one test root. */
record X509TrustManagerHolder(X509TrustManager manager) {
  static X509TrustManagerHolder forRoot(HeldCertificate root) {
    HandshakeCertificates certs = new HandshakeCertificates.Builder()
        .addTrustedCertificate(root.certificate())
        .build();
    return new X509TrustManagerHolder(certs.trustManager());
  }
}
