package org.censorprobe.probe.measure.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.censorprobe.format.observe.CertificateInfo;

/** Turns presented certificates into the evidence record; never fails on a malformed certificate. */
final class CertificateDescriptions {
  /** A hostile certificate may carry thousands of names; the evidence needs the first few. */
  static final int MAX_SUBJECT_ALT_NAMES = 256;

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private CertificateDescriptions() {}

  static List<CertificateInfo> describe(List<X509Certificate> chain) {
    List<CertificateInfo> out = new ArrayList<>(chain.size());
    for (X509Certificate c : chain) {
      out.add(describe(c, sha256(c)));
    }
    return out;
  }

  /** @param sha256 the certificate's SHA-256 in hex, already computed (null: none) */
  static CertificateInfo describe(X509Certificate c, String sha256) {
    return new CertificateInfo(
        c.getSubjectX500Principal().getName(X500Principal.RFC2253),
        c.getIssuerX500Principal().getName(X500Principal.RFC2253),
        c.getSerialNumber().toString(16),
        sha256,
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant(),
        subjectAltNames(c));
  }

  /** DNS names and IP addresses, as written in the certificate. */
  private static List<String> subjectAltNames(X509Certificate c) {
    Collection<List<?>> names;
    try {
      names = c.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) return List.of();
    List<String> out = new ArrayList<>();
    for (List<?> entry : names) {
      if (out.size() >= MAX_SUBJECT_ALT_NAMES) break;
      Object type = entry.get(0);
      if ((type.equals(SAN_DNS) || type.equals(SAN_IP)) && entry.get(1) instanceof String value) {
        out.add(value);
      }
    }
    return out;
  }

  private static String sha256(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
