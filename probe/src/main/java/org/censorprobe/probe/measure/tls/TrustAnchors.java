package org.censorprobe.probe.measure.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The trust store: the JDK's default CAs plus the PEM files of {@code tls.trust}. */
public final class TrustAnchors {
  private TrustAnchors() {}

  /** @throws IllegalArgumentException naming the file when a PEM cannot be read or parsed */
  public static X509TrustManager load(List<Path> extraPemFiles) {
    List<X509Certificate> anchors = new ArrayList<>(List.of(defaultTrustManager(null).getAcceptedIssuers()));
    for (Path file : extraPemFiles) {
      anchors.addAll(readPem(file));
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      return defaultTrustManager(store);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  static List<X509Certificate> readPem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) throw new IllegalArgumentException("no certificate in trust file " + file);
      return out;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().contains(file.toString())) throw iae;
      throw new IllegalArgumentException("cannot read certificates from trust file " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** The platform's PKIX trust manager over {@code store}, or over the JDK's cacerts when it is null. */
  private static X509TrustManager defaultTrustManager(KeyStore store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509TrustManager x) return x;
      }
      throw new IllegalStateException("the JDK offers no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise the JDK trust manager", e);
    }
  }
}
