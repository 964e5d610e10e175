package org.censorprobe.probe.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM certificates and private keys as exporter-toolkit (Go's tls.X509KeyPair) reads them: a certificate chain,
 * leaf first, and a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
 * SEC1 ({@code BEGIN EC PRIVATE KEY}). Every failure is an IllegalArgumentException with the reason.
 */
final class PemKeyStore {
  private static final Pattern KEY = Pattern.compile(
      "-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemKeyStore() {}

  static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certs.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage());
    }
    if (certs.isEmpty()) throw new IllegalArgumentException("no PEM certificate (BEGIN CERTIFICATE) in it");
    return List.copyOf(certs);
  }

  /** The key, checked to belong to {@code leaf} (as Go's X509KeyPair checks). */
  static PrivateKey privateKey(String pem, X509Certificate leaf) {
    Matcher m = KEY.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException("no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8 = switch (m.group(1)) {
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
          "an encrypted private key (expected an unencrypted one, as exporter-toolkit reads)");
      case "RSA PRIVATE KEY" -> wrap(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          RSAPrivateKey.getInstance(der).toASN1Primitive());
      case "EC PRIVATE KEY" -> {
        ECPrivateKey ec = ECPrivateKey.getInstance(der);
        if (ec.getParametersObject() == null) throw new IllegalArgumentException("an EC key without its curve");
        yield wrap(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()),
            ec.toASN1Primitive());
      }
      default -> der;
    };
    PublicKey pub = leaf.getPublicKey();
    try {
      PrivateKey key = KeyFactory.getInstance(pub.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      if (!belongTogether(key, pub)) {
        throw new IllegalArgumentException("the private key does not match the certificate's public key");
      }
      return key;
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new IllegalArgumentException("not a " + pub.getAlgorithm() + " private key for the certificate: "
          + e.getMessage());
    }
  }

  private static byte[] wrap(AlgorithmIdentifier algorithm, ASN1Primitive key) {
    try {
      return new PrivateKeyInfo(algorithm, key).getEncoded();
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable private key: " + e.getMessage());
    }
  }

  private static boolean belongTogether(PrivateKey key, PublicKey pub) throws GeneralSecurityException {
    String algorithm = switch (pub.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> pub.getAlgorithm(); // EdDSA, Ed25519, Ed448
    };
    byte[] probe = "censorprobe key check".getBytes(StandardCharsets.US_ASCII);
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(probe);
    byte[] signature = s.sign();
    Signature v = Signature.getInstance(algorithm);
    v.initVerify(pub);
    v.update(probe);
    return v.verify(signature);
  }

  static SSLContext sslContext(List<X509Certificate> chain, PrivateKey key, TrustManager[] trust) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pass = new char[0];
      ks.setKeyEntry("server", key, pass, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), trust, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the certificate and key: " + e.getMessage(), e);
    }
  }
}
