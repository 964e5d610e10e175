package org.censorprobe.probe.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP listener: {@code /metrics} (Prometheus text 0.0.4, or OpenMetrics 1.0 when the Accept header asks for
 * it), {@code /healthz}, and {@code /}, a status page. TLS, basic auth, headers and a rate limit from the web
 * config (exporter-toolkit's format).
 */
public final class MetricsServer implements AutoCloseable {
  /** Outside 9100-9999, which the Prometheus port allocation list has fully handed out (docs/operations.md). */
  public static final int DEFAULT_PORT = 19847;
  static final String OPENMETRICS = "application/openmetrics-text";
  static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final int WRITE_SLICE = 64 * 1024;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ProbeMetrics metrics;
  private final ScrapeCache scrapes;
  private final RenderAhead renderAhead;
  private final WebConfig web;
  private final BasicAuth auth;
  private final RateLimit rateLimit;
  private final String version;

  private MetricsServer(HttpServer server, ExecutorService executor, ProbeMetrics metrics, WebConfig web,
                        String version) {
    this.server = server;
    this.executor = executor;
    this.metrics = metrics;
    this.scrapes = new ScrapeCache(metrics);
    this.renderAhead = RenderAhead.start(scrapes, TEXT_CONTENT_TYPE);
    metrics.onChange(renderAhead::changed);
    this.web = web;
    this.auth = web.basicAuth() ? new BasicAuth(web.users()) : null;
    this.rateLimit = web.rateLimit() == null ? null
        : new RateLimit(web.rateLimit().interval(), web.rateLimit().burst(), System::nanoTime);
    this.version = version;
  }

  public static MetricsServer start(InetSocketAddress address, WebConfig web, ProbeMetrics metrics, String version)
      throws IOException {
    HttpServer server;
    if (web.tlsEnabled()) {
      HttpsServer https = HttpsServer.create(address, 16);
      SSLContext context = web.tls().sslContext();
      SSLParameters parameters = web.tls().parameters(context);
      https.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          params.setSSLParameters(parameters);
        }
      });
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
        // As exporter-toolkit: the rate limit first, then the configured headers on every answer, then auth.
        if (rateLimit != null && !rateLimit.allow()) {
          send(ex, 429, "text/plain; charset=utf-8", "too many requests\n");
          return;
        }
        web.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        String m = ex.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) {
          ex.getResponseHeaders().set("Allow", "GET, HEAD");
          send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
          return;
        }
        if (auth != null && !auth.check(ex.getRequestHeaders().getFirst("Authorization"))) {
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
    send(ex, 200, "text/html; charset=utf-8", StatusPage.render(metrics.board().snapshot(), version, Instant.now()));
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
        // In slices: the JDK's server copies each write into a new heap buffer of the write's length, and one write
        // of the 13 MB body of 10,000 endpoints made every scrape allocate 13 MB in the old generation (larger than
        // a small young generation) and pay a full collection for it (JFR allocation samples of the bench's daemon).
        for (int at = 0; at < body.length; at += WRITE_SLICE) {
          out.write(body, at, Math.min(WRITE_SLICE, body.length - at));
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    renderAhead.close();
  }
}
