package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.censorprobe.probe.config.HelperSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.measure.dns.DnsProber;

/** Builds the probe's {@link HelperClient} from {@code control.helpers}. */
public final class HelperClients {
  private HelperClients() {}

  /** Null when no helper is configured. Token files are read here, once per config. */
  public static HelperClient create(List<HelperSpec> specs, Timeouts timeouts, X509TrustManager trust,
                                    DnsProber dns, Clock clock) {
    if (specs.isEmpty()) return null;
    List<HelperClient.Helper> helpers = new ArrayList<>();
    for (HelperSpec s : specs) helpers.add(new HelperClient.Helper(s.url(), token(s)));
    OkHttpClient http = new OkHttpClient.Builder()
        .dns(new ResolverDns(dns))
        .sslSocketFactory(sslContext(trust).getSocketFactory(), trust)
        .connectTimeout(timeouts.tcp())
        .build();
    // The helper measures DNS, TCP, TLS and HTTP itself: its answer can take as long as all four.
    Duration deadline = timeouts.dns().plus(timeouts.tcp()).plus(timeouts.tls()).plus(timeouts.http());
    return new HelperClient(helpers, http, timeouts.tls(), deadline, clock);
  }

  private static String token(HelperSpec s) {
    if (s.tokenFile() == null) return null;
    try {
      return Files.readString(s.tokenFile(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException(s.tokenFile() + ": cannot read the helper's token file", e);
    }
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS context", e);
    }
  }
}
