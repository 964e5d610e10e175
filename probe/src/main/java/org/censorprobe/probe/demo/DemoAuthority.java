package org.censorprobe.probe.demo;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The demo's own certificate authority, made fresh at every start and trusted only through the config's
 * {@code tls.trust} (a PEM file the demo writes): the invented platforms get valid chains, so what the demo shows
 * as blocked is the censor's doing, never a certificate problem. Its key never leaves the process.
 */
final class DemoAuthority {
  static final String ROOT_NAME = "censorprobe demo authority (not for real use)";
  /** Long enough for any demo session; short enough that a leaked PEM file is soon worthless. */
  private static final long VALID_DAYS = 30;

  private final HeldCertificate root;

  private DemoAuthority(HeldCertificate root) {
    this.root = root;
  }

  static DemoAuthority create() {
    return new DemoAuthority(new HeldCertificate.Builder()
        .commonName(ROOT_NAME)
        .certificateAuthority(0)
        .duration(VALID_DAYS, TimeUnit.DAYS)
        .build());
  }

  /** A server context whose leaf is valid for every name in {@code names}, issued by this authority. */
  SSLContext serverContext(List<String> names) {
    HeldCertificate.Builder leaf = new HeldCertificate.Builder()
        .commonName(names.get(0))
        .duration(VALID_DAYS, TimeUnit.DAYS)
        .signedBy(root);
    for (String n : names) leaf.addSubjectAlternativeName(n);
    return new HandshakeCertificates.Builder().heldCertificate(leaf.build()).build().sslContext();
  }

  String rootPem() {
    return root.certificatePem();
  }
}
