package org.censorprobe.probe.measure.http;

import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.flow.Connection;

/**
 * One HTTP request with okhttp over a connection a flow established ({@link HandOff}), recorded as one exchange.
 * {@link HttpChain} strings these together along a redirect chain.
 *
 * <p>okhttp neither follows redirects, retries, races addresses, caches, keeps cookies nor decompresses, and each
 * request has a connection of its own, closed after it, so every byte on the wire belongs to a recorded exchange.
 */
public final class HttpProber {
  private final Limits limits;
  private final Duration timeout;
  private final OkHttpClient base;
  private final HttpHop hop;

  /**
   * @param trust unused by the HTTP step itself: validation is the TLS step's, done before a connection is handed
   *     over (kept so that every step is built from the same trust)
   */
  public HttpProber(Duration timeout, Limits limits, X509TrustManager trust) {
    this.limits = limits;
    this.timeout = timeout;
    this.hop = new HttpHop(limits);
    this.base = new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .fastFallback(false)
        .cache(null)
        // A system or environment proxy would carry the request elsewhere: always go direct (okhttp never
        // connects by itself here anyway, see HandOff).
        .proxy(Proxy.NO_PROXY)
        // HTTP/1.1 only (and the flow's ClientHello offers only http/1.1). With HTTP/2 the peer pushes body data
        // into okhttp's buffers up to the flow-control window (16 MiB per connection) before anything is read,
        // and header blocks have no size cap: neither bound holds. HTTP/1.1 is pulled by the reader, so the caps
        // here are the memory used.
        .protocols(List.of(Protocol.HTTP_1_1))
        // The handshake is done: any version and suite the flow negotiated is acceptable to okhttp.
        .connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).allEnabledTlsVersions()
            .allEnabledCipherSuites().build(), ConnectionSpec.CLEARTEXT))
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .socketFactory(HandOff.sockets())
        .dns(HandOff.dns())
        .eventListenerFactory(HopEvents.FACTORY)
        // okhttp validates nothing here (the flow did, before handing the connection over); an empty trust index
        // also keeps its route bookkeeping from hashing every trusted CA on every request.
        .sslSocketFactory(HandOff.tls(), NO_ISSUERS)
        .build();
  }

  /** A trust manager that trusts nothing and is never asked: okhttp's bookkeeping only. */
  private static final X509TrustManager NO_ISSUERS = new X509TrustManager() {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("never used");
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("validation is the TLS step's");
    }

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  };

  public Duration timeout() {
    return timeout;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * One request over {@code connection}, which this closes. {@code deadline} covers writing the request, the head
   * and the body (a slow drip ends there). Never throws.
   */
  public HttpHop.Result exchange(Connection connection, URI url, String method, int attempt,
                                 Budget.Deadline deadline) {
    return hop.fetch(base, connection, url, method, attempt, deadline);
  }
}
