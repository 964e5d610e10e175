package org.censorprobe.probe.measure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.censorprobe.format.observe.FailureType.SSL_FAILED_HANDSHAKE;
import static org.censorprobe.format.observe.FailureType.SSL_INVALID_HOSTNAME;
import static org.censorprobe.format.observe.FailureType.SSL_UNKNOWN_AUTHORITY;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProberTlsTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static final String NAME = "secure.test";
  static final String PASSWORD = "changeit";
  static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0).build();
  static final HeldCertificate OTHER_ROOT = new HeldCertificate.Builder().certificateAuthority(0).build();

  @TempDir static Path dir;
  static WireMockServer server;

  @BeforeAll
  static void start() throws Exception {
    HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName(NAME).signedBy(ROOT).build();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", leaf.keyPair().getPrivate(), PASSWORD.toCharArray(),
        new Certificate[] {leaf.certificate(), ROOT.certificate()});
    Path keystore = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(keystore)) {
      store.store(out, PASSWORD.toCharArray());
    }
    server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .dynamicHttpsPort()
        .keystorePath(keystore.toString())
        .keystorePassword(PASSWORD)
        .keyManagerPassword(PASSWORD)
        .keystoreType("PKCS12"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static List<HttpExchange> fetch(HeldCertificate trusted, String url) {
    Fetcher prober = new Fetcher(Duration.ofSeconds(5), HttpProberTest.LIMITS,
        X509TrustManagerHolder.forRoot(trusted).manager());
    return prober.fetch(URI.create(url), List.of(LOOPBACK), host -> List.of(LOOPBACK), 1);
  }

  static String https(String host, String path) {
    return "https://" + host + ":" + server.httpsPort() + path;
  }

  @Test
  void trustedCertificateForTheNameGetsThePage() {
    server.stubFor(get("/tls").willReturn(aResponse().withStatus(200).withBody("<title>secure</title>")));

    HttpExchange e = HttpProberTest.only(fetch(ROOT, https(NAME, "/tls")));

    assertNull(e.failure(), () -> String.valueOf(e.failure()));
    assertEquals(200, e.statusCode());
    assertEquals("secure", e.title());
    assertEquals(org.censorprobe.format.net.IpAddress.of(LOOPBACK), e.address());
  }

  @Test
  void httpToHttpsRedirectIsTwoHops() {
    server.stubFor(get("/upgrade").willReturn(aResponse().withStatus(301)
        .withHeader("Location", https(NAME, "/upgraded"))));
    server.stubFor(get("/upgraded").willReturn(aResponse().withStatus(200).withBody("ok")));

    List<HttpExchange> chain = fetch(ROOT, "http://" + NAME + ":" + server.port() + "/upgrade");

    assertEquals(2, chain.size(), () -> chain.toString());
    assertEquals(301, chain.get(0).statusCode());
    assertEquals(200, chain.get(1).statusCode());
    assertTrue(chain.get(1).ok());
  }

  @Test
  void unknownAuthorityFailsValidation() {
    HttpExchange e = HttpProberTest.only(fetch(OTHER_ROOT, https(NAME, "/tls")));

    HttpProberTest.assertFailure(SSL_UNKNOWN_AUTHORITY, Operation.TLS_VALIDATION, e);
    assertEquals(0, e.statusCode());
  }

  @Test
  void certificateForAnotherNameFailsValidation() {
    HttpExchange e = HttpProberTest.only(fetch(ROOT, https("wrong.test", "/tls")));

    HttpProberTest.assertFailure(SSL_INVALID_HOSTNAME, Operation.TLS_VALIDATION, e);
  }

  @Test
  void nonTlsPeerFailsTheHandshake() {
    HttpExchange e = HttpProberTest.only(fetch(ROOT, "https://" + NAME + ":" + server.port() + "/tls"));

    HttpProberTest.assertFailure(SSL_FAILED_HANDSHAKE, Operation.TLS_HANDSHAKE, e);
  }
}
