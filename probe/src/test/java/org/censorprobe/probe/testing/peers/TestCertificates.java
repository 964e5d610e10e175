package org.censorprobe.probe.testing.peers;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throw-away PKI for tests: one trusted root ("censorprobe test root") and server chains for each TLS case.
 * Trust it via {@link #trustManager()} or by writing {@link #rootPem()} to a file for {@code tls.trust}.
 *
 * <p>The interception chain imitates Kazakhstan's: root CN "Qaznet Trust Network", intermediate CN "Security
 * Certificate". okhttp-tls can only set CN and OU, so the real names' {@code C=KZ} is missing.
 */
public final class TestCertificates {
  public static final String INTERCEPTION_ROOT_CN = "Qaznet Trust Network";
  public static final String INTERCEPTION_INTERMEDIATE_CN = "Security Certificate";
  public static final String ROOT_CN = "censorprobe test root";

  private final HeldCertificate root;

  private TestCertificates(HeldCertificate root) {
    this.root = root;
  }

  public static TestCertificates create() {
    return new TestCertificates(authority(ROOT_CN, 1, null));
  }

  /** A leaf for {@code host} (DNS name or IP literal) issued by the trusted test root. */
  public HandshakeCertificates validFor(String host) {
    return server(leaf(host, root, null));
  }

  /** One leaf valid for every one of {@code hosts} (a server of several names). */
  public HandshakeCertificates validForAll(java.util.List<String> hosts) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(hosts.get(0)).signedBy(root)
        .duration(1, TimeUnit.DAYS);
    for (String h : hosts) b.addSubjectAlternativeName(h);
    return server(b.build());
  }

  /** Same as {@link #validFor} but expired a day ago. */
  public HandshakeCertificates expiredFor(String host) {
    Instant now = Instant.now();
    return server(leaf(host, root, new Instant[] {now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))}));
  }

  /** A leaf for {@code host} from a root nobody trusts. */
  public HandshakeCertificates unknownAuthorityFor(String host) {
    return server(leaf(host, authority("untrusted test root", 1, null), null));
  }

  /** Leaf for {@code host} + intermediate "Security Certificate", under the untrusted root "Qaznet Trust Network". */
  public HandshakeCertificates interceptionFor(String host) {
    HeldCertificate qaznet = authority(INTERCEPTION_ROOT_CN, 1, null);
    HeldCertificate intermediate = authority(INTERCEPTION_INTERMEDIATE_CN, 0, qaznet);
    return server(leaf(host, intermediate, null), intermediate.certificate());
  }

  /** Trusts only the test root (not the JDK's CAs). */
  public X509TrustManager trustManager() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build().trustManager();
  }

  public X509Certificate root() {
    return root.certificate();
  }

  public String rootPem() {
    return root.certificatePem();
  }

  private static HeldCertificate authority(String commonName, int maxIntermediates, HeldCertificate issuer) {
    HeldCertificate.Builder b = new HeldCertificate.Builder()
        .commonName(commonName)
        .certificateAuthority(maxIntermediates)
        .duration(1, TimeUnit.DAYS);
    if (issuer != null) b.signedBy(issuer);
    return b.build();
  }

  private static HeldCertificate leaf(String host, HeldCertificate issuer, Instant[] validity) {
    HeldCertificate.Builder b = new HeldCertificate.Builder()
        .commonName(host)
        .addSubjectAlternativeName(host)
        .signedBy(issuer);
    if (validity != null) {
      b.validityInterval(validity[0].toEpochMilli(), validity[1].toEpochMilli());
    } else {
      b.duration(1, TimeUnit.DAYS);
    }
    return b.build();
  }

  private static HandshakeCertificates server(HeldCertificate leaf, X509Certificate... intermediates) {
    return new HandshakeCertificates.Builder().heldCertificate(leaf, intermediates).build();
  }
}
