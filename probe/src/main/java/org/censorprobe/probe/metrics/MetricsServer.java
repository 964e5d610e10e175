package org.censorprobe.probe.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP listener: {@code /metrics} (Prometheus text 0.0.4, or OpenMetrics 1.0 when the Accept header asks for
 * it), {@code /healthz}, and {@code /}, a status page. Optional TLS and basic auth from the web config.
 */
public final class MetricsServer implements AutoCloseable {
  /** Outside 9100-9999, which the Prometheus port allocation list has fully handed out (docs/operations.md). */
  public static final int DEFAULT_PORT = 19847;
  static final String OPENMETRICS = "application/openmetrics-text";
  static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final int AUTH_CACHE = 32;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProbeMetrics metrics;
  private final ScrapeCache scrapes;
  private final WebConfig web;
  private final String version;
  /** Verified credentials (user + SHA-256 of the password): PBKDF2 is slow by design; scrapes come every 15 s. */
  private final Map<String, Boolean> verified = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
          return size() > AUTH_CACHE;
        }
      });

  private MetricsServer(HttpServer server, ExecutorService executor, ProbeMetrics metrics, WebConfig web,
                        String version) {
    this.server = server;
    this.executor = executor;
    this.metrics = metrics;
    this.scrapes = new ScrapeCache(metrics);
    metrics.onChange(() -> scrapes.renderAhead(TEXT_CONTENT_TYPE));
    this.web = web;
    this.version = version;
  }

  public static MetricsServer start(InetSocketAddress address, WebConfig web, ProbeMetrics metrics, String version)
      throws IOException {
    HttpServer server;
    if (web.tls()) {
      HttpsServer https = HttpsServer.create(address, 16);
      https.setHttpsConfigurator(new HttpsConfigurator(PemKeyStore.sslContext(web.certFile(), web.keyFile())));
      server = https;
    } else {
      server = HttpServer.create(address, 16);
    }
    // Two threads: scrapes are small and rare; a slow client cannot take more than these.
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    MetricsServer s = new MetricsServer(server, executor, metrics, web, version);
    server.createContext("/metrics", s.guarded(s::metrics));
    server.createContext("/healthz", s.guarded(ex -> s.send(ex, 200, "text/plain; charset=utf-8", "ok\n")));
    server.createContext("/", s.guarded(s::status));
    server.start();
    return s;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private HttpHandler guarded(HttpHandler h) {
    return ex -> {
      try (ex) {
        String m = ex.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) {
          ex.getResponseHeaders().set("Allow", "GET, HEAD");
          send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
          return;
        }
        if (web.basicAuth() && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
          ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"censorprobe\", charset=\"UTF-8\"");
          send(ex, 401, "text/plain; charset=utf-8", "unauthorized\n");
          return;
        }
        h.handle(ex);
      } catch (RuntimeException e) {
        send(ex, 500, "text/plain; charset=utf-8", "internal error\n");
      }
    };
  }

  boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) return false;
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String cacheKey = user + "\0" + sha256(password);
    if (verified.containsKey(cacheKey)) return true;
    PasswordHash hash = web.users().get(user);
    boolean ok = hash != null && hash.matches(password.toCharArray());
    if (ok) verified.put(cacheKey, Boolean.TRUE);
    return ok;
  }

  private static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    String contentType = contentTypeFor(ex.getRequestHeaders().getFirst("Accept"));
    send(ex, 200, contentType, scrapes.body(contentType));
  }

  /** OpenMetrics only when asked for; the Prometheus text format otherwise (never protobuf). */
  static String contentTypeFor(String accept) {
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains(OPENMETRICS)) return OPENMETRICS_CONTENT_TYPE;
    return TEXT_CONTENT_TYPE;
  }

  private void status(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n");
      return;
    }
    send(ex, 200, "text/html; charset=utf-8", StatusPage.render(metrics.board(), version));
  }

  private void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
