package org.censorprobe.probe.measure.http;

import static org.censorprobe.format.observe.FailureType.DNS_NO_ANSWER;
import static org.censorprobe.format.observe.FailureType.HTTP_INVALID_REDIRECT;
import static org.censorprobe.format.observe.FailureType.HTTP_REDIRECT_LOOP;
import static org.censorprobe.format.observe.FailureType.HTTP_TOO_MANY_REDIRECTS;
import static org.censorprobe.format.observe.FailureType.TIMEOUT;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.probe.measure.flow.Connection;
import org.censorprobe.probe.measure.flow.Dialer;

/**
 * A URL fetched hop by hop along its redirect chain, every hop over a flow of its own: the first hop over the
 * connection the endpoint's flow already established (when given), each later hop over a new flow to the
 * redirect target's addresses, tried in order until one connects (a TCP failure moves on to the next address, as a
 * browser does; a TLS failure ends the hop). Every connect and handshake is recorded by the opener, every hop here.
 *
 * <p>Decisions the classifier relies on:
 * <ul>
 *   <li>No lookups here: the endpoint's own host uses the addresses given; a redirect to another name asks the
 *       {@link HopResolver} (the system resolver, recorded); an empty answer ends the chain with
 *       {@code dns_no_answer} in operation {@code resolve}, since the chain cannot tell NXDOMAIN from an empty or
 *       filtered answer (the lookup's own observation says which).</li>
 *   <li>A hop whose connection could not be made or validated is recorded with that failure (operation
 *       {@code connect}, {@code tls_handshake} or {@code tls_validation}) and no response: no HTTP request ever
 *       goes over a connection whose chain failed validation.</li>
 *   <li>Deadline: {@code timeouts.http} covers the requests of the whole chain (eleven hops must not take eleven
 *       timeouts); each hop's new connection has the TCP and TLS deadlines; all within the endpoint's budget.</li>
 *   <li>Method: the endpoint's for the first hop; a 303, or a 301/302 answering a POST, continues with GET (as
 *       browsers do); 307 and 308 keep the method.</li>
 * </ul>
 */
public final class HttpChain {
  private final HttpProber http;
  private final int maxAddresses;

  public HttpChain(HttpProber http, int maxAddresses) {
    this.http = http;
    this.maxAddresses = maxAddresses;
  }

  /** Resolves a redirect target's name through the user's resolver; records the lookup; never throws. */
  @FunctionalInterface
  public interface HopResolver {
    List<IpAddress> resolve(String host);
  }

  /** Opens (and records) one flow to {@code target}: TLS with {@code spec}, or plain when it is null. */
  @FunctionalInterface
  public interface Opener {
    Dialer.Dialed open(IpPort target, Dialer.TlsSpec spec);
  }

  /**
   * @param first the established connection for the first hop, or null to open one to {@code addresses}
   * @param addresses the endpoint's own addresses (its host's, for the first hop and any hop back to that host)
   * @param known host -> addresses already resolved for this endpoint (shared by its attempts; lower-case keys)
   * @return one exchange per hop, in order; never throws
   */
  public List<HttpExchange> fetch(URI url, Endpoint.HttpMethod method, Connection first, List<IpAddress> addresses,
                                  Opener opener, HopResolver resolver, Map<String, List<IpAddress>> known,
                                  int attempt, Budget budget) {
    List<HttpExchange> chain = new ArrayList<>();
    URI current = url;
    String verb = method.name();
    Connection given = first;
    try {
      String firstHost = Redirects.host(url);
      if (firstHost != null) {
        // The endpoint's own host: the addresses given, or the literal itself (a redirect to a literal is asked of
        // the resolver, which refuses bogons).
        List<IpAddress> own = addresses.isEmpty() ? IpAddress.tryParse(firstHost).map(List::of).orElse(List.of())
            : List.copyOf(addresses);
        if (!own.isEmpty()) known.putIfAbsent(firstHost.toLowerCase(Locale.ROOT), own);
      }
      // The URLs of the chain so far. Their loop-detection keys are made only when a response redirects: most
      // chains are one hop, and parsing each first URL again for a key nobody reads was 2% of a round's CPU.
      List<URI> visited = new ArrayList<>();
      long chainDeadline = System.nanoTime() + http.timeout().toNanos();
      for (int redirects = 0; ; redirects++) {
        Budget.Deadline deadline = budget.stepUntil(chainDeadline);
        if (deadline.passed()) {
          chain.add(HttpHop.unsent(verb, current, attempt, Instant.now(), deadline.failure(new Failure(TIMEOUT,
              Operation.HTTP_REQUEST, "the HTTP step's deadline passed during the redirect chain"))));
          return chain;
        }
        visited.add(current);
        Connection connection = given;
        given = null;
        if (connection == null) {
          Opened o = open(current, opener, resolver, known, budget);
          if (o.connection == null) {
            chain.add(HttpHop.exchange(verb, current, o.address, attempt, Instant.now(), 0, o.failure, o.flow));
            return chain;
          }
          connection = o.connection;
        }
        HttpHop.Result result = http.exchange(connection, current, verb, attempt, deadline);
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
        if (Redirects.revisits(visited, next)) {
          chain.add(failed(exchange, HTTP_REDIRECT_LOOP, "back to " + bounded(next.toString())));
          return chain;
        }
        if (redirects + 1 > http.limits().redirects()) {
          chain.add(failed(exchange, HTTP_TOO_MANY_REDIRECTS, "more than " + http.limits().redirects()
              + " redirects"));
          return chain;
        }
        chain.add(exchange);
        verb = nextMethod(verb, exchange.statusCode());
        current = next;
      }
    } catch (RuntimeException e) {
      // Defensive: a bug here must cost one measurement, not the round.
      chain.add(HttpHop.unsent(verb, current, attempt, Instant.now(), ExceptionFailures.of(e,
          Operation.HTTP_REQUEST)));
      return chain;
    } finally {
      if (given != null) given.close();
    }
  }

  /** The method of the next hop after a redirect with {@code status}. */
  static String nextMethod(String method, int status) {
    if (status == 303) return "GET";
    if ((status == 301 || status == 302) && "POST".equals(method)) return "GET";
    return method;
  }

  private record Opened(Connection connection, Failure failure, IpAddress address, int flow) {}

  /** A connection for a hop: its host's addresses in order until one connects. */
  private Opened open(URI url, Opener opener, HopResolver resolver, Map<String, List<IpAddress>> known,
                      Budget budget) {
    String host = Redirects.host(url);
    if (host == null) {
      return new Opened(null, new Failure(FailureType.UNKNOWN, Operation.HTTP_REQUEST, "not an http(s) URL: "
          + bounded(String.valueOf(url))), null, 0);
    }
    List<IpAddress> addresses = addresses(host, resolver, known);
    if (addresses.isEmpty()) {
      return new Opened(null, new Failure(DNS_NO_ANSWER, Operation.RESOLVE, "no address for " + bounded(host)),
          null, 0);
    }
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = okhttp3.HttpUrl.get(url.toString()).port();
    Dialer.TlsSpec spec = https ? new Dialer.TlsSpec(IpAddress.isLiteral(host) ? null : host,
        org.censorprobe.probe.measure.tls.TlsProber.ALPN_HTTP1) : null;
    Dialer.Dialed last = null;
    for (IpAddress a : addresses.subList(0, Math.min(addresses.size(), maxAddresses))) {
      if (budget.exhausted()) break;
      last = opener.open(new IpPort(a, port), spec);
      if (last.connection() != null) return new Opened(last.connection(), null, a, last.flow());
      if (last.connected()) break; // a TLS failure is the hop's answer; a browser would not try elsewhere
    }
    if (last == null) {
      return new Opened(null, budget.exhaustedFailure(Operation.CONNECT), addresses.get(0), 0);
    }
    return new Opened(null, last.failure(), last.target().address(), last.flow());
  }

  /** The host's addresses: known for this endpoint, else asked of the resolver once (it handles literals too). */
  private static List<IpAddress> addresses(String host, HopResolver resolver, Map<String, List<IpAddress>> known) {
    String key = host.toLowerCase(Locale.ROOT);
    List<IpAddress> seen = known.get(key);
    if (seen != null) return seen;
    List<IpAddress> found;
    try {
      found = resolver == null ? null : resolver.resolve(key);
    } catch (RuntimeException e) {
      found = null;
    }
    List<IpAddress> out = found == null ? List.of() : List.copyOf(found);
    known.put(key, out);
    return out;
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

  /** A fresh host -> addresses map for one endpoint. */
  public static Map<String, List<IpAddress>> newKnownHosts() {
    return new ConcurrentHashMap<>();
  }
}
