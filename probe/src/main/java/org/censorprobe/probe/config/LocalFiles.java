package org.censorprobe.probe.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** Files a config names (trust anchors, fingerprints, helper tokens): resolved beside the config and checked. */
final class LocalFiles {
  /** No trust bundle, fingerprint or token file is this large; bounds what a mistyped path can make us read. */
  static final long MAX_BYTES = 4L << 20;

  private LocalFiles() {}

  /** {@code text} resolved against {@code baseDir} when relative, or null when it is not a path. */
  static Path resolve(Path baseDir, String text) {
    try {
      Path p = Path.of(text.strip());
      return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Why {@code file} cannot be used as a readable regular file, or null when it can. */
  static String unreadable(Path file) {
    if (!Files.exists(file)) return "does not exist";
    if (!Files.isRegularFile(file)) return "is not a regular file";
    if (!Files.isReadable(file)) return "is not readable";
    try {
      if (Files.size(file) > MAX_BYTES) return "is larger than " + (MAX_BYTES >> 20) + "MiB";
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
    return null;
  }

  /** Why {@code file} is not a certificate file (PEM or DER, one or more X.509 certificates), or null. */
  static String notCertificates(Path file) {
    String unreadable = unreadable(file);
    if (unreadable != null) return unreadable;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        return "holds no certificate";
      }
      return null;
    } catch (CertificateException | IOException | RuntimeException e) {
      return "is not an X.509 certificate file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
