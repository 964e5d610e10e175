package org.censorprobe.probe.measure.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.Failure;

/**
 * What one engine already knows about the chains servers present: each certificate's description, and each chain's
 * verdict against the trust store. The same chains come back over and over (a platform's endpoints share a CDN's
 * certificate; every round meets them again), and validating one costs as much as a third of a handshake.
 *
 * <p>Safe because the answer is a function of the exact bytes (certificates are keyed by their SHA-256), the
 * engine's fixed trust store, and the time: a verdict is kept at most {@link #TTL} and never past the moment any
 * certificate of the chain expires or becomes valid, so an expiry shows within minutes. The host-name check is not
 * cached (it depends on the name asked and costs little). Bounded: when full, it starts over.
 */
final class ChainCache {
  static final Duration TTL = Duration.ofMinutes(10);
  static final int MAX_ENTRIES = 1024;

  private record Verdict(Failure failure, Instant until) {}

  private final Map<String, CertificateInfo> described = new ConcurrentHashMap<>();
  private final Map<String, Verdict> validated = new ConcurrentHashMap<>();

  /** The SHA-256 of each certificate, hex (null for one that cannot be encoded). */
  static List<String> fingerprints(List<X509Certificate> chain) {
    List<String> out = new ArrayList<>(chain.size());
    for (X509Certificate c : chain) out.add(sha256(c));
    return out;
  }

  List<CertificateInfo> describe(List<X509Certificate> chain, List<String> fingerprints) {
    List<CertificateInfo> out = new ArrayList<>(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      String key = fingerprints.get(i);
      if (key == null) {
        out.add(CertificateDescriptions.describe(chain.get(i), null));
        continue;
      }
      CertificateInfo info = described.get(key);
      if (info == null) {
        if (described.size() >= MAX_ENTRIES) described.clear();
        info = CertificateDescriptions.describe(chain.get(i), key);
        described.put(key, info);
      }
      out.add(info);
    }
    return out;
  }

  /** The trust store's verdict on {@code chain} (null: trusted), computed by {@code check} when not known. */
  Failure trust(List<X509Certificate> chain, List<String> fingerprints, String authType, Supplier<Failure> check) {
    if (fingerprints.contains(null)) return check.get();
    String key = authType + "/" + String.join("/", fingerprints);
    Instant now = Instant.now();
    Verdict v = validated.get(key);
    if (v != null && now.isBefore(v.until())) return v.failure();
    Failure f = check.get();
    Instant until = now.plus(TTL);
    for (X509Certificate c : chain) {
      Instant notAfter = c.getNotAfter().toInstant();
      Instant notBefore = c.getNotBefore().toInstant();
      if (notAfter.isBefore(until)) until = notAfter;
      if (notBefore.isAfter(now) && notBefore.isBefore(until)) until = notBefore;
    }
    if (until.isAfter(now)) {
      if (validated.size() >= MAX_ENTRIES) validated.clear();
      validated.put(key, new Verdict(f, until));
    }
    return f;
  }

  private static String sha256(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
