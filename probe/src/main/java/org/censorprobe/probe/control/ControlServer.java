package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.probe.privacy.HelperEcho;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote control vantage: answers OONI-shaped measurement requests over HTTP. Order of the guards matters:
 * the cheap refusals (method, token, rate, load) come before reading a body, and the body is read bounded before
 * any measuring. Slow clients are cut by the JDK server's own request deadline
 * ({@code sun.net.httpserver.maxReqTime}, set by the command before the server starts).
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControlServerSettings settings;
  private final ControlService service;
  private final ClientRateLimiter rateLimiter;
  private final Semaphore inFlight;
  private final AtomicInteger inFlightGauge = new AtomicInteger();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer durations;
  private final ExecutorService executor;
  private HttpServer server;
  private HttpServer metricsServer;

  public ControlServer(ControlServerSettings settings, ControlService service, ExecutorService executor) {
    this.settings = settings;
    this.service = service;
    this.executor = executor;
    this.rateLimiter = new ClientRateLimiter(settings.ratePerSecond(), settings.rateBurst(), System::nanoTime);
    this.inFlight = new Semaphore(settings.maxInFlight());
    registry.gauge("censorprobe_control_in_flight", inFlightGauge);
    this.durations = Timer.builder("censorprobe_control_request_duration")
        .description("Time to answer a measurement request").register(registry);
  }

  public void start() throws IOException {
    server = HttpServer.create(settings.listen(), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    if (settings.metricsListen() != null) {
      metricsServer = HttpServer.create(settings.metricsListen(), 16);
      metricsServer.createContext("/metrics", this::metrics);
      metricsServer.setExecutor(executor);
      metricsServer.start();
    } else {
      server.createContext("/metrics", this::metrics);
    }
    server.start();
    LOG.info("control-server listening on {}", hostPort(server.getAddress()));
    if (metricsServer != null) LOG.info("control-server metrics on {}", hostPort(metricsServer.getAddress()));
  }

  /** 127.0.0.1:18080 or [::1]:18080, not InetSocketAddress's "/127.0.0.1:18080". */
  static String hostPort(java.net.InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public int metricsPort() {
    return metricsServer == null ? port() : metricsServer.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getPath().equals("/")) {
        reply(ex, 404, "not_found", "POST measurement requests to /");
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        refuse(ex, new Refusal(405, Refusal.METHOD_NOT_ALLOWED, "use POST"));
        return;
      }
      if (settings.token() != null && !tokenMatches(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        refuse(ex, new Refusal(401, Refusal.UNAUTHORIZED, "a bearer token is required"));
        return;
      }
      if (!rateLimiter.tryAcquire(ex.getRemoteAddress().getAddress().getHostAddress())) {
        ex.getResponseHeaders().set("Retry-After", "1");
        refuse(ex, new Refusal(429, Refusal.RATE_LIMITED, "too many requests from this address"));
        return;
      }
      if (!inFlight.tryAcquire()) {
        ex.getResponseHeaders().set("Retry-After", "1");
        refuse(ex, new Refusal(503, Refusal.OVERLOADED, "too many measurements in flight"));
        return;
      }
      inFlightGauge.incrementAndGet();
      long t0 = System.nanoTime();
      try {
        measure(ex);
      } finally {
        durations.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        inFlightGauge.decrementAndGet();
        inFlight.release();
      }
    } catch (IOException e) {
      count("client_error"); // the client went away or was cut for slowness
    }
  }

  private void measure(HttpExchange ex) throws IOException {
    byte[] body = readBounded(ex);
    if (body == null) {
      refuse(ex, new Refusal(413, Refusal.BODY_TOO_LARGE, "at most " + settings.maxRequestBytes() + " bytes"));
      return;
    }
    ThRequest request;
    try {
      request = JSON.readValue(body, ThRequest.class);
    } catch (IOException e) {
      refuse(ex, Refusal.badRequest(Refusal.BAD_REQUEST, "not a measurement request: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
      return;
    }
    if (request == null) {
      refuse(ex, Refusal.badRequest(Refusal.BAD_REQUEST, "empty request"));
      return;
    }
    ControlService.Outcome outcome = service.handle(request);
    if (outcome instanceof ControlService.Answered a) {
      count("ok");
      send(ex, 200, JSON.writeValueAsBytes(withClientAddress(a.response(), ex)));
    } else if (outcome instanceof ControlService.Refused r) {
      refuse(ex, r.refusal());
    }
  }

  /**
   * The answer with the address the request came from: behind a NAT the probe learns its public address only
   * this way, and needs it to scrub it from what it stores (docs/control-protocol.md). It is the client's own
   * address, sent back to the client alone. Added here because only the transport knows it.
   */
  private static ObjectNode withClientAddress(ThResponse response, HttpExchange ex) {
    ObjectNode answer = JSON.valueToTree(response);
    answer.put(HelperEcho.FIELD, IpAddress.of(ex.getRemoteAddress().getAddress()).toString());
    return answer;
  }

  /** The body, or null when it is larger than allowed (without reading more than one byte past the cap). */
  private byte[] readBounded(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > settings.maxRequestBytes()) return null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(settings.maxRequestBytes() + 1);
      return bytes.length > settings.maxRequestBytes() ? null : bytes;
    }
  }

  private boolean tokenMatches(String header) {
    if (header == null || !header.startsWith("Bearer ")) return false;
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8)); // constant time
  }

  private void refuse(HttpExchange ex, Refusal r) throws IOException {
    count(r.reason());
    reply(ex, r.httpStatus(), r.reason(), r.detail());
  }

  private static void reply(HttpExchange ex, int status, String error, String detail) throws IOException {
    send(ex, status, JSON.writeValueAsBytes(Map.of("error", error, "detail", detail == null ? "" : detail)));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("censorprobe_control_requests")
        .description("Measurement requests by outcome").tag("outcome", o).register(registry)).increment();
  }

  private void metrics(HttpExchange ex) throws IOException {
    try (ex) {
      String accept = ex.getRequestHeaders().getFirst("Accept");
      String type = accept != null && accept.contains("application/openmetrics-text")
          ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
          : "text/plain; version=0.0.4; charset=utf-8";
      byte[] body = registry.scrape(type).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (server != null) server.stop(0);
    if (metricsServer != null) metricsServer.stop(0);
  }
}
