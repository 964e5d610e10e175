package org.censorprobe.probe.measure.http;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.observe.HttpExchange;

/** HTTP GET with okhttp over addresses already resolved, redirects followed one recorded hop at a time. */
public final class HttpProber {
  private final Duration timeout;
  private final Limits limits;
  private final X509TrustManager trust;

  public HttpProber(Duration timeout, Limits limits, X509TrustManager trust) {
    this.timeout = timeout;
    this.limits = limits;
    this.trust = trust;
  }

  /**
   * @param addresses where the first request goes (no fresh lookup)
   * @param resolveHop resolves the host of a redirect to another name (empty list: the hop fails as DNS)
   * @return one exchange per hop, in order; never throws
   */
  public List<HttpExchange> fetch(URI url, List<InetAddress> addresses,
                                  Function<String, List<InetAddress>> resolveHop, int attempt) {
    throw new UnsupportedOperationException("TODO(http helper)");
  }
}
