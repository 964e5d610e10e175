package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every guard of the internet-facing control-server, against a real server on loopback. The addresses are chosen
 * so that a regression could only ever dial this machine: 127.0.0.2 stands in for "public" (allow-listed), every
 * refused address is a loopback form. The range rules themselves (private, link-local, ...) are tested purely in
 * {@link TargetPolicyTest}.
 */
@Timeout(60)
class ControlServerRefusalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Allow-listed, so it counts as public here; it is still this machine. */
  private static final String PUBLIC = "127.0.0.2";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DnsTestServer dns;
  private Tasks tasks;
  private ControlServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) server.close();
    if (tasks != null) tasks.close();
    if (dns != null) dns.close();
  }

  /** A server whose only allow-listed range is {@link #PUBLIC}: the rest of loopback is forbidden. */
  private ControlServer start(String token, int maxInFlight, double rate, int burst, Duration dnsTimeout)
      throws Exception {
    dns = DnsTestServer.start()
        .address("public.test", PUBLIC)
        .address("loopback.test", "127.0.0.1")
        .address("mixed.test", PUBLIC, "127.0.0.1");
    dns.misbehave("slow.test", DnsTestServer.Misbehaviour.SILENT);
    Timeouts timeouts = new Timeouts(dnsTimeout, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    ResolverSpec resolver = new ResolverSpec(ResolverSpec.Transport.UDP, dns.udpUri());
    var steps = EndpointMeasurer.Steps.create(timeouts, Limits.DEFAULTS, DefaultTrust.get(),
        BogonRanges.excluding(List.of(Cidr.parse(PUBLIC + "/32"))), List.of(), LateReplies.none());
    var plan = new EndpointMeasurer.Plan(List.of(resolver), null, "example.org", 4, Duration.ZERO, null,
        timeouts.endpoint());
    tasks = Tasks.create(Math.max(1, maxInFlight), EndpointMeasurer.width(plan));
    var measurer = new EndpointMeasurer(steps, plan, Clock.systemUTC());
    var policy = new TargetPolicy(List.of(Cidr.parse(PUBLIC + "/32")), Set.of(), 4);
    var settings = new ControlServerSettings(new InetSocketAddress("127.0.0.1", 0), null, token, maxInFlight,
        1024, rate, burst);
    server = new ControlServer(settings, new ControlService(measurer, resolver, policy, tasks), tasks.executor());
    server.start();
    return server;
  }

  private ControlServer start() throws Exception {
    return start(null, 4, 100, 100, Duration.ofSeconds(2));
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").asText();
  }

  private static String request(String url, String... tcpConnect) throws Exception {
    return JSON.writeValueAsString(new ThRequest(url, null, List.of(tcpConnect), null));
  }

  @Test
  void refusesALoopbackUrl() throws Exception {
    start();
    var r = post(request("http://127.0.0.1/"));
    assertEquals(400, r.statusCode());
    assertEquals(Refusal.ADDRESS_NOT_PUBLIC, error(r));
  }

  @Test
  void refusesANonPublicTcpConnectEntry() throws Exception {
    start();
    var r = post(request("http://slow.test/", "127.0.0.1:80"));
    assertEquals(Refusal.ADDRESS_NOT_PUBLIC, error(r));
  }

  @Test
  void refusesAnIpv4MappedLoopbackInBrackets() throws Exception {
    start();
    var r = post(request("http://slow.test/", "[::ffff:127.0.0.1]:80"));
    assertEquals(Refusal.ADDRESS_NOT_PUBLIC, error(r));
  }

  @Test
  void refusesANameThatResolvesToANonPublicAddress() throws Exception {
    start();
    var r = post(request("http://loopback.test/"));
    assertEquals(Refusal.NAME_NOT_PUBLIC, error(r));
  }

  @Test
  void refusesANameWithAnyNonPublicAnswer() throws Exception {
    start();
    var r = post(request("http://mixed.test/"));
    assertEquals(Refusal.NAME_NOT_PUBLIC, error(r));
  }

  @Test
  void refusesAPortNotAllowed() throws Exception {
    start();
    assertEquals(Refusal.PORT_NOT_ALLOWED, error(post(request("http://public.test:22/"))));
    assertEquals(Refusal.PORT_NOT_ALLOWED, error(post(request("http://public.test/", PUBLIC + ":25"))));
  }

  @Test
  void refusesTooManyAddresses() throws Exception {
    start();
    var r = post(request("http://slow.test/", PUBLIC + ":80", PUBLIC + ":81", PUBLIC + ":82", PUBLIC + ":83",
        PUBLIC + ":84"));
    assertEquals(Refusal.TOO_MANY_ADDRESSES, error(r));
  }

  @Test
  void refusesANameInTcpConnect() throws Exception {
    start();
    assertEquals(Refusal.BAD_REQUEST, error(post(request("http://public.test/", "localhost:80"))));
  }

  @Test
  void refusesOtherSchemes() throws Exception {
    start();
    assertEquals(Refusal.BAD_URL, error(post(request("file:///etc/passwd"))));
    assertEquals(Refusal.BAD_URL, error(post(request("gopher://public.test:70/"))));
  }

  @Test
  void refusesMalformedJson() throws Exception {
    start();
    var r = post("{not json");
    assertEquals(400, r.statusCode());
    assertEquals(Refusal.BAD_REQUEST, error(r));
  }

  @Test
  void refusesABodyOverTheCap() throws Exception {
    start();
    var r = post("{\"http_request\": \"" + "a".repeat(2000) + "\"}");
    assertEquals(413, r.statusCode());
    assertEquals(Refusal.BODY_TOO_LARGE, error(r));
  }

  @Test
  void refusesGet() throws Exception {
    start();
    var r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  @Test
  void requiresTheTokenWhenConfigured() throws Exception {
    start("s3cret", 4, 100, 100, Duration.ofSeconds(2));
    assertEquals(401, post(request("http://127.0.0.1/")).statusCode());
    assertEquals(401, post(request("http://127.0.0.1/"), "Authorization", "Bearer wrong").statusCode());
    // With the token the request reaches the policy, which refuses loopback: authentication passed.
    var r = post(request("http://127.0.0.1/"), "Authorization", "Bearer s3cret");
    assertEquals(Refusal.ADDRESS_NOT_PUBLIC, error(r));
  }

  @Test
  void rateLimitsOneClient() throws Exception {
    start(null, 4, 0.001, 3, Duration.ofSeconds(2));
    for (int i = 0; i < 3; i++) assertEquals(400, post(request("http://127.0.0.1/")).statusCode());
    var r = post(request("http://127.0.0.1/"));
    assertEquals(429, r.statusCode());
    assertEquals(Refusal.RATE_LIMITED, error(r));
  }

  @Test
  void shedsLoadBeyondTheInFlightLimit() throws Exception {
    start(null, 2, 100, 100, Duration.ofMillis(1500));
    // Two measurements that hang on a silent resolver fill the slots...
    List<CompletableFuture<HttpResponse<String>>> hanging = List.of(
        CompletableFuture.supplyAsync(() -> postQuietly("http://slow.test/")),
        CompletableFuture.supplyAsync(() -> postQuietly("http://slow.test/")));
    awaitInFlight(2);
    // ...so a burst on top is shed at once, every request of it.
    for (int i = 0; i < 5; i++) {
      var r = post(request("http://slow.test/")); // had it not been shed, it would only hang on DNS too
      assertEquals(503, r.statusCode());
      assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
    }
    for (var h : hanging) assertEquals(200, h.join().statusCode());
    String metrics = scrape();
    assertTrue(metrics.contains("censorprobe_control_requests_total{outcome=\"overloaded\"} 5.0"), metrics);
  }

  @Test
  void cutsAClientThatSendsItsBodySlowly() throws Exception {
    start();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"http_request\":")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The rest never comes: the server's request deadline (sun.net.httpserver.maxReqTime, set for the tests
      // in the pom) must close the connection rather than hold a thread and a socket forever.
      InputStream in = s.getInputStream();
      int b;
      try {
        b = in.read();
        while (b != -1) b = in.read();
      } catch (java.net.SocketException reset) {
        b = -1;
      }
      assertEquals(-1, b);
    }
  }

  private HttpResponse<String> postQuietly(String url) {
    try {
      return post(request(url));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitInFlight(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.registry().get("censorprobe_control_in_flight").gauge().value() < n) {
      if (System.nanoTime() > deadline) throw new AssertionError("never reached " + n + " in flight");
      Thread.onSpinWait();
    }
  }

  private String scrape() throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
