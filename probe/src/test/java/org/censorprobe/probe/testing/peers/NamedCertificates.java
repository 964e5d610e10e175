package org.censorprobe.probe.testing.peers;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Chains with full distinguished names, which okhttp-tls's HeldCertificate cannot make: the interception CAs are
 * recognised by their whole name ({@code C=KZ, CN=Qaznet Trust Network}), so the tests must present exactly that.
 */
public final class NamedCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private NamedCertificates() {}

  /** A leaf for {@code host} under {@code C=KZ, CN=Security Certificate}, under {@code C=KZ, CN=Qaznet Trust Network}. */
  public static HandshakeCertificates kazakhInterceptionFor(String host) {
    return chain(host, "C=KZ,CN=Qaznet Trust Network", "C=KZ,CN=Security Certificate");
  }

  /** A leaf for {@code host} under {@code C=KZ, O=ISCA, CN=Information Security Certification Authority}. */
  public static HandshakeCertificates kazakhIscaFor(String host) {
    return chain(host, "C=KZ,O=ISCA,CN=Information Security Certification Authority", null);
  }

  /**
   * A leaf for {@code host} issued by the root {@code rootName} itself (as DNs are written in the sources, e.g.
   * {@code CN=Information Security Certification Authority CA, O=ISCA, C=KZ}); the server sends the root too.
   */
  public static HandshakeCertificates issuedByRoot(String host, String rootName) {
    return chain(host, rootName, null);
  }

  /**
   * A leaf for {@code host} under an intermediate under the root {@code rootName}; the server sends the leaf and the
   * intermediate only, as most do, so the root's name is seen only as the intermediate's issuer.
   */
  public static HandshakeCertificates issuedUnderIntermediate(String host, String rootName, String intermediateName) {
    return chain(host, rootName, intermediateName, false);
  }

  private static HandshakeCertificates chain(String host, String rootName, String intermediateName) {
    return chain(host, rootName, intermediateName, true);
  }

  private static HandshakeCertificates chain(String host, String rootName, String intermediateName,
                                             boolean sendRoot) {
    try {
      KeyPair rootKeys = keys();
      X509Certificate root = sign(rootName, rootName, rootKeys, rootKeys, true, null);
      KeyPair issuerKeys = rootKeys;
      String issuerName = rootName;
      X509Certificate intermediate = null;
      if (intermediateName != null) {
        KeyPair k = keys();
        intermediate = sign(intermediateName, rootName, k, rootKeys, true, null);
        issuerKeys = k;
        issuerName = intermediateName;
      }
      KeyPair leafKeys = keys();
      X509Certificate leaf = sign("CN=" + host, issuerName, leafKeys, issuerKeys, false, host);
      HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
      HeldCertificate held = new HeldCertificate(leafKeys, leaf);
      if (intermediate != null && sendRoot) b.heldCertificate(held, intermediate, root);
      else if (intermediate != null) b.heldCertificate(held, intermediate);
      else b.heldCertificate(held, root);
      return b.build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys,
                                      boolean ca, String dnsName) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (dnsName != null) {
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}
