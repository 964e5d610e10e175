package org.censorprobe.probe.measure.tls;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/** The trust store: the JDK's default CAs plus the PEM files of {@code tls.trust}. */
public final class TrustAnchors {
  private TrustAnchors() {}

  /** @throws IllegalArgumentException naming the file when a PEM cannot be read or parsed */
  public static X509TrustManager load(List<Path> extraPemFiles) {
    throw new UnsupportedOperationException("TODO(tcp/tls helper)");
  }
}
