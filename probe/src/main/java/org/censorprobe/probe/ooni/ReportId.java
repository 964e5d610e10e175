package org.censorprobe.probe.ooni;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One OONI report id per round, in the shape of OONI's own ({@code 20240214T090617Z_webconnectivity_IT_30722_n1_
 * 1IvUiXNWHooB5rmD}): the round's start, the software, the country, the ASN and 16 characters derived from the
 * round id, so that exporting the same store again gives the same ids. OONI's collectors treat report ids as
 * opaque (backends/bk-003-collector.md); this one says which round the measurements came from and nothing else.
 */
final class ReportId {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int DERIVED_LENGTH = 16;

  private ReportId() {}

  static String of(Instant roundStart, String probeCc, long asn, String roundId) {
    return STAMP.format(roundStart) + "_censorprobe_" + probeCc + "_" + asn + "_" + derived(roundId);
  }

  private static String derived(String roundId) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(("censorprobe round " + roundId)
          .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    StringBuilder s = new StringBuilder(DERIVED_LENGTH);
    for (int i = 0; i < DERIVED_LENGTH; i++) s.append(ALPHABET.charAt((h[i] & 0xff) % ALPHABET.length()));
    return s.toString();
  }
}
