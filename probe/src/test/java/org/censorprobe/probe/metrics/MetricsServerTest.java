package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsServerTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static HttpResponse<String> get(HttpClient client, String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String base(MetricsServer s, String scheme) {
    return scheme + "://127.0.0.1:" + s.address().getPort();
  }

  @Test
  void aBodyOfManySlicesIsServedWholeAndExactly() throws Exception {
    ProbeMetrics metrics = new ProbeMetrics("dev");
    List<String> endpoints = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) endpoints.add("https://e" + i + ".example.test/");
    metrics.recordRound(TestMeasurements.round("youtube", endpoints, Verdict.OK, Instant.now()));
    byte[] expected = new ScrapeCache(metrics).body(MetricsServer.TEXT_CONTENT_TYPE);
    assertTrue(expected.length > 3 * MetricsServer.WRITE_SLICE && expected.length % MetricsServer.WRITE_SLICE != 0,
        "the body should span several slices and a partial one: " + expected.length);
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.NONE, metrics, "dev")) {
      HttpClient c = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(base(s, "http") + "/metrics"))
          .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode());
      assertEquals(String.valueOf(expected.length), r.headers().firstValue("Content-Length").orElse(""));
      assertTrue(java.util.Arrays.equals(expected, r.body()), "the body differs from the rendered one");
    }
  }

  @Test
  void negotiatesTheExpositionFormatByAcceptHeader() throws Exception {
    ProbeMetrics metrics = new ProbeMetrics("dev");
    metrics.recordRound(TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.BLOCKED, Instant.now()));
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.NONE, metrics, "dev")) {
      HttpClient c = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      var text = get(c, base(s, "http") + "/metrics");
      assertEquals(200, text.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("Content-Type").orElse(""));
      assertTrue(text.body().contains("censorprobe_verdict{endpoint=\"tcp://127.0.0.1:1\",platform=\"youtube\","
          + "verdict=\"blocked\"} 1.0"), text.body());
      assertFalse(text.body().contains("# EOF"));

      // What Prometheus 2.x sends.
      var om = get(c, base(s, "http") + "/metrics", "Accept",
          "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
              + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
      assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
          om.headers().firstValue("Content-Type").orElse(""));
      assertTrue(om.body().endsWith("# EOF\n"), om.body());
      assertTrue(om.body().contains("censorprobe_measurements_total{"), om.body());

      assertEquals("ok\n", get(c, base(s, "http") + "/healthz").body());
      assertEquals(404, get(c, base(s, "http") + "/nothing").statusCode());
      assertEquals(405, c.send(HttpRequest.newBuilder(URI.create(base(s, "http") + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void statusPageShowsVerdictsAndEscapesEvidence() throws Exception {
    ProbeMetrics metrics = new ProbeMetrics("dev");
    metrics.recordRound(TestMeasurements.round("youtube", List.of("tcp://127.0.0.1:1"), Verdict.BLOCKED, Instant.now()));
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.NONE, metrics, "dev")) {
      var page = get(HttpClient.newHttpClient(), base(s, "http") + "/");
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
      assertTrue(page.body().contains("evidence &lt;blocked&gt;"), page.body());
      assertFalse(page.body().contains("<blocked>"), page.body());
      assertTrue(page.body().contains("tcp://127.0.0.1:1"));
    }
  }

  @Test
  void basicAuthRefusesWrongAndMissingCredentials() throws Exception {
    String hash = PasswordHash.create("s3cret".toCharArray(), 4).text();
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users:\n  prometheus: '" + hash + "'\n");
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.load(web), new ProbeMetrics("dev"), "dev")) {
      HttpClient c = HttpClient.newHttpClient();
      var none = get(c, base(s, "http") + "/metrics");
      assertEquals(401, none.statusCode());
      assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
      assertEquals(401, get(c, base(s, "http") + "/metrics", "Authorization", basic("prometheus", "wrong")).statusCode());
      assertEquals(401, get(c, base(s, "http") + "/", "Authorization", basic("nobody", "s3cret")).statusCode());
      assertEquals(401, get(c, base(s, "http") + "/", "Authorization", "Basic !!!").statusCode());
      assertEquals(200, get(c, base(s, "http") + "/metrics", "Authorization", basic("prometheus", "s3cret")).statusCode());
      // Served from the cache of verified credentials the second time: still the same answer.
      assertEquals(200, get(c, base(s, "http") + "/healthz", "Authorization", basic("prometheus", "s3cret")).statusCode());
    }
  }

  @Test
  void servesTlsFromPemCertificateAndKey() throws Exception {
    HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .commonName("censorprobe test").build();
    Files.writeString(dir.resolve("server.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("server.key"), cert.privateKeyPkcs8Pem());
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.load(web), new ProbeMetrics("dev"), "dev")) {
      SSLContext trust = new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build()
          .sslContext();
      HttpClient c = HttpClient.newBuilder().sslContext(trust).connectTimeout(TIMEOUT).build();
      var r = get(c, base(s, "https") + "/metrics");
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("censorprobe_build_info{version=\"dev\"} 1"), r.body());
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
