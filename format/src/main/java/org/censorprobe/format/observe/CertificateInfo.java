package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;

/** One certificate as the server presented it, validated or not. Distinguished names in RFC 2253 form. */
public record CertificateInfo(String subject, String issuer, String serialNumber, String sha256, Instant notBefore,
                              Instant notAfter, List<String> subjectAltNames) {
  public CertificateInfo {
    subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
  }
}
