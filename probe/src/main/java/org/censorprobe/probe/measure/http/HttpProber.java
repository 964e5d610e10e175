package org.censorprobe.probe.measure.http;

import static org.censorprobe.format.observe.FailureType.DNS_NO_ANSWER;
import static org.censorprobe.format.observe.FailureType.HTTP_INVALID_REDIRECT;
import static org.censorprobe.format.observe.FailureType.HTTP_REDIRECT_LOOP;
import static org.censorprobe.format.observe.FailureType.HTTP_TOO_MANY_REDIRECTS;
import static org.censorprobe.format.observe.FailureType.TIMEOUT;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.measure.ExceptionFailures;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;

/**
 * HTTP GET (or POST) with okhttp over addresses already resolved, redirects followed one recorded hop at a time.
 *
 * <p>Each hop is one request on a fresh connection: okhttp neither follows redirects, retries, races
 * addresses, caches, keeps cookies nor decompresses, so every byte on the wire belongs to a recorded exchange.
 * Each {@link #fetch} has its own connection pool, emptied at the end, so no measurement rides on another's
 * connection.
 */
public final class HttpProber {
  private final Limits limits;
  private final Duration timeout;
  private final OkHttpClient base;
  private final HttpHop hop;

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
        // A system or environment proxy would carry the request elsewhere and look its name up outside the
        // measurement: always go direct.
        .proxy(Proxy.NO_PROXY)
        // HTTP/1.1 only. With HTTP/2 the peer pushes body data into okhttp's buffers up to the flow-control
        // window (16 MiB per connection) before anything is read, and header blocks have no size cap: neither
        // bound holds. HTTP/1.1 is pulled by the reader, so the caps here are the memory used.
        .protocols(List.of(Protocol.HTTP_1_1))
        .callTimeout(timeout) // covers connect, head and a slow drip of body bytes: the read ends at the deadline
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .sslSocketFactory(sslContext(trust).getSocketFactory(), trust)
        .build();
  }

  /**
   * @param addresses where the first request goes (no fresh lookup)
   * @param resolveHop resolves the host of a redirect to another name. An empty list ends the chain with an
   *     exchange failing as {@code dns_no_answer} in operation {@code resolve}: the prober only knows it got no
   *     address, not why, so it claims no more (the DNS step records the real answer for that name).
   * @return one exchange per hop, in order; never throws
   */
  public List<HttpExchange> fetch(URI url, List<InetAddress> addresses,
                                  Function<String, List<InetAddress>> resolveHop, int attempt) {
    return fetch(url, Endpoint.HttpMethod.GET, addresses, resolveHop, attempt);
  }

  /**
   * As {@link #fetch(URI, List, Function, int)}, the first request sent with {@code method} (a POST with an empty
   * body, as OONI's telegram test sends). A redirect is followed as browsers and Go's client do: 307 and 308 keep
   * the method, the others continue with a GET.
   */
  public List<HttpExchange> fetch(URI url, Endpoint.HttpMethod method, List<InetAddress> addresses,
                                  Function<String, List<InetAddress>> resolveHop, int attempt) {
    List<HttpExchange> chain = new ArrayList<>();
    Endpoint.HttpMethod currentMethod = method;
    ConnectionPool pool = new ConnectionPool(0, 1, TimeUnit.SECONDS);
    URI current = url;
    try {
      PinnedDns dns = new PinnedDns();
      String firstHost = Redirects.host(url);
      if (firstHost != null) dns.pin(firstHost, addresses == null ? List.of() : addresses);
      OkHttpClient client = base.newBuilder().dns(dns).connectionPool(pool).build();
      Set<String> visited = new HashSet<>();
      // The step's deadline covers the whole chain: eleven hops must not take eleven timeouts.
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int redirects = 0; ; redirects++) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          chain.add(HttpHop.unsent(current, currentMethod, attempt, Instant.now(), new Failure(TIMEOUT, Operation.HTTP_REQUEST,
              "the HTTP step's deadline passed during the redirect chain")));
          return chain;
        }
        OkHttpClient hopClient = redirects == 0 ? client
            : client.newBuilder().callTimeout(left, TimeUnit.NANOSECONDS).build();
        visited.add(Redirects.visitKey(current));
        String host = Redirects.host(current); // okhttp's idea of the host (IDN as punycode), not java.net.URI's
        if (host != null && !IpLiterals.isLiteral(host) && !dns.has(host)) {
          List<InetAddress> hopAddresses = resolve(resolveHop, host);
          dns.pin(host, hopAddresses);
        }
        if (host != null && !IpLiterals.isLiteral(host) && noAddress(dns, host)) {
          chain.add(HttpHop.unsent(current, currentMethod, attempt, Instant.now(), new Failure(DNS_NO_ANSWER, Operation.RESOLVE,
              "no address for " + host)));
          return chain;
        }
        HttpHop.Result result = hop.fetch(hopClient, current, currentMethod, attempt);
        HttpExchange exchange = result.exchange();
        if (!exchange.ok() || !Redirects.isRedirect(exchange.statusCode())) {
          chain.add(exchange);
          return chain;
        }
        URI next = Redirects.target(current, result.location());
        if (next == null) {
          chain.add(failed(exchange, HTTP_INVALID_REDIRECT, "Location: " + bounded(result.location())));
          return chain;
        }
        if (visited.contains(Redirects.visitKey(next))) {
          chain.add(failed(exchange, HTTP_REDIRECT_LOOP, "back to " + bounded(next.toString())));
          return chain;
        }
        if (redirects + 1 > limits.redirects()) {
          chain.add(failed(exchange, HTTP_TOO_MANY_REDIRECTS, "more than " + limits.redirects() + " redirects"));
          return chain;
        }
        chain.add(exchange);
        current = next;
        if (exchange.statusCode() != 307 && exchange.statusCode() != 308) currentMethod = Endpoint.HttpMethod.GET;
      }
    } catch (RuntimeException e) {
      // Defensive: a bug here must cost one measurement, not the round.
      chain.add(HttpHop.unsent(current, currentMethod, attempt, Instant.now(), ExceptionFailures.of(e, Operation.HTTP_REQUEST)));
      return chain;
    } finally {
      pool.evictAll();
    }
  }

  private static List<InetAddress> resolve(Function<String, List<InetAddress>> resolveHop, String host) {
    try {
      List<InetAddress> found = resolveHop == null ? null : resolveHop.apply(host);
      return found == null ? List.of() : found;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static boolean noAddress(PinnedDns dns, String host) {
    try {
      return dns.lookup(host).isEmpty();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  private static HttpExchange failed(HttpExchange e, FailureType failure, String detail) {
    return new HttpExchange(e.method(), e.url(), e.address(), e.attempt(), e.startedAt(), e.durationMs(),
        e.statusCode(), e.headers(), e.bodyLength(), e.bodyTruncated(), e.bodySha256(), e.title(), e.bodySample(),
        e.timeToFirstByteMs(), e.transferBytesPerSecond(), new Failure(failure, Operation.HTTP_REQUEST, detail),
        e.flow());
  }

  private static String bounded(String s) {
    if (s == null) return "(none)";
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's TLS context cannot be created", e);
    }
  }
}
