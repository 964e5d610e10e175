package org.censorprobe.probe.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** An SSLContext from a PEM certificate chain and a PEM PKCS#8 private key (RSA or EC). */
final class PemKeyStore {
  private static final Pattern KEY = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemKeyStore() {}

  static SSLContext sslContext(Path certFile, Path keyFile) {
    try {
      Certificate[] chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile))).toArray(new Certificate[0]);
      if (chain.length == 0) throw new IllegalArgumentException(certFile + ": no certificate");
      String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
      Matcher m = KEY.matcher(pem);
      if (!m.find()) {
        throw new IllegalArgumentException(keyFile + ": expected a PKCS#8 key (BEGIN PRIVATE KEY); convert with "
            + "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      PrivateKey key = privateKey(der, chain[0].getPublicKey().getAlgorithm());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pass = new char[0];
      ks.setKeyEntry("server", key, pass, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(certFile + ", " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(byte[] der, String algorithm) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
