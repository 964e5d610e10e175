package org.censorprobe.probe.measure.http;

import static org.censorprobe.format.observe.FailureType.HTTP_BODY_TOO_LARGE;
import static org.censorprobe.format.observe.FailureType.HTTP_HEADERS_TOO_LARGE;
import static org.censorprobe.format.observe.FailureType.HTTP_PROTOCOL_ERROR;
import static org.censorprobe.format.observe.FailureType.UNKNOWN;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.probe.measure.flow.Connection;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;

/**
 * One request over a connection a flow established, not following redirects, recorded as one
 * {@link HttpExchange} that carries the connection's flow id. Never throws.
 */
public final class HttpHop {
  /**
   * A current desktop browser's User-Agent, as OONI's Web Connectivity sends: some blockers and CDNs answer
   * non-browser agents differently (a bot wall, another blockpage), and the probe has to see what a person
   * in the censored network sees. An honest "censorprobe/x" agent would also be a trivially blockable
   * signature for the probe itself.
   */
  static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/131.0.0.0 Safari/537.36";
  private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final String ACCEPT_LANGUAGE = "en-US,en;q=0.9";
  private static final String GZIP = "gzip";
  /** Below this a bytes-per-second figure is mostly the cost of one read, not a transfer rate. */
  private static final long MIN_BYTES_FOR_RATE = 16 * 1024;
  /** ": " and CRLF around each header line, as on the wire. */
  private static final int HEADER_LINE_OVERHEAD = 4;

  /** The exchange and, for a redirect, its Location as sent. */
  public record Result(HttpExchange exchange, String location) {}

  private final Limits limits;

  HttpHop(Limits limits) {
    this.limits = limits;
  }

  Result fetch(OkHttpClient base, Connection connection, URI url, String method, int attempt,
               Budget.Deadline deadline) {
    Instant startedAt = Instant.now();
    HopEvents events = new HopEvents(connection.tcp()::received);
    BodyReader body = new BodyReader(limits);
    int status = 0;
    Map<String, List<String>> headers = Map.of();
    String location = null;
    String contentType = null;
    boolean bodyRead = false;
    Failure failure = null;
    Call call = null;
    Response response = null;
    HttpUrl target = HttpUrl.parse(String.valueOf(url));
    if (target == null) {
      failure = new Failure(UNKNOWN, Operation.HTTP_REQUEST, "not an http(s) URL: " + url);
      connection.close();
      return new Result(unsent(method, url, attempt, startedAt, failure), null);
    }
    IpAddress address = connection.target().address();
    try {
      int millis = deadline.remainingMillis();
      if (millis <= 0) {
        failure = deadline.failure(new Failure(org.censorprobe.format.observe.FailureType.TIMEOUT,
            Operation.HTTP_REQUEST, "no time left for the request"));
        return new Result(exchange(method, url, address, attempt, startedAt, 0, failure, connection.flow()), null);
      }
      call = base.newCall(request(target, method, events));
      call.timeout().timeout(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
      Call c = call;
      response = HandOff.over(connection, c::execute);
      status = response.code();
      long headerBytes = statusLineBytes(response);
      headers = boundedHeaders(response.headers(), headerBytes);
      headerBytes += response.headers().byteCount() + (long) HEADER_LINE_OVERHEAD * response.headers().size();
      if (headerBytes > limits.headerBytes()) {
        failure = new Failure(HTTP_HEADERS_TOO_LARGE, Operation.HTTP_REQUEST,
            "response head of " + headerBytes + " bytes, limit " + limits.headerBytes());
      } else {
        location = response.header("Location");
        contentType = response.header("Content-Type");
        String encoding = response.header("Content-Encoding");
        bodyRead = true;
        ResponseBody responseBody = response.body();
        body.read(responseBody.source(), encoding != null && GZIP.equalsIgnoreCase(encoding.strip()));
        if (body.tooLarge()) {
          failure = new Failure(HTTP_BODY_TOO_LARGE, Operation.HTTP_BODY,
              "gzip body inflates past " + limits.decompressedBytes() + " bytes");
        }
      }
    } catch (Exception e) {
      if (body.decodeError()) {
        failure = new Failure(HTTP_PROTOCOL_ERROR, Operation.HTTP_BODY,
            ExceptionFailures.of(e, Operation.HTTP_BODY).detail());
      } else {
        failure = deadline.failure(HttpFailures.of(e, events, call != null && call.isCanceled(), limits));
      }
    } finally {
      // Cancel first: closing an unread body would otherwise spend time draining it for connection reuse.
      if (call != null) call.cancel();
      if (response != null) closeQuietly(response);
      connection.close(); // one request per connection: every byte belongs to a recorded exchange
    }
    double durationMs = (System.nanoTime() - events.startNanos()) / 1e6;
    Charset charset = PageText.charset(contentType, body.head(), body.headLength());
    String sample = bodyRead ? PageText.sample(body.head(), body.headLength(), charset) : null;
    HttpExchange exchange = new HttpExchange(
        method,
        url.toString(),
        address,
        attempt,
        startedAt,
        durationMs,
        status,
        headers,
        body.keptBytes(),
        body.truncated(),
        bodyRead ? body.sha256Hex() : null,
        bodyRead ? PageText.title(body.head(), body.headLength(), charset, sample) : null,
        sample,
        events.timeToFirstByteMs(),
        transferRate(body),
        failure,
        connection.flow());
    return new Result(exchange, location);
  }

  /** An empty body, as OONI's telegram test posts. */
  private static final okhttp3.RequestBody EMPTY = okhttp3.RequestBody.create(new byte[0], null);

  private static Request request(HttpUrl target, String method, HopEvents events) {
    return new Request.Builder()
        .tag(HopEvents.class, events) // the client's event listener factory finds this call's listener here
        .url(target)
        .method(method, "POST".equals(method) ? EMPTY : null)
        .header("User-Agent", USER_AGENT)
        .header("Accept", ACCEPT)
        .header("Accept-Language", ACCEPT_LANGUAGE)
        // Asked for explicitly so okhttp leaves the body compressed and BodyReader inflates it within bounds.
        .header("Accept-Encoding", GZIP)
        .build();
  }

  /** An exchange for a hop that never sent its request (no connection: flow 0). */
  static HttpExchange unsent(String method, URI url, int attempt, Instant startedAt, Failure failure) {
    return exchange(method, url, null, attempt, startedAt, 0, failure, 0);
  }

  /** An exchange without a response: its request was not sent or not answered. */
  static HttpExchange exchange(String method, URI url, IpAddress address, int attempt, Instant startedAt,
                               double durationMs, Failure failure, int flow) {
    return new HttpExchange(method, String.valueOf(url), address, attempt, startedAt, durationMs, 0, Map.of(), 0,
        false, null, null, null, null, null, failure, flow);
  }

  private static Double transferRate(BodyReader body) {
    if (body.wireBytes() < MIN_BYTES_FOR_RATE || body.readSeconds() <= 0) return null;
    return body.wireBytes() / body.readSeconds();
  }

  private static long statusLineBytes(Response response) {
    // "HTTP/1.1 200 OK\r\n"
    return response.protocol().toString().length() + 5 + response.message().length() + 2;
  }

  /** Header names lower-cased (HTTP/2 sends them so anyway); stops adding once the head passes the cap. */
  private Map<String, List<String>> boundedHeaders(Headers all, long used) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    long total = used;
    for (int i = 0; i < all.size(); i++) {
      String name = all.name(i);
      String value = all.value(i);
      total += name.length() + value.length() + HEADER_LINE_OVERHEAD;
      if (total > limits.headerBytes()) break;
      out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  private static void closeQuietly(Response response) {
    try {
      response.close();
    } catch (RuntimeException ignored) {
      // the call is already canceled; nothing left to release
    }
  }
}
