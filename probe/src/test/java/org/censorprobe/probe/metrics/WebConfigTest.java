package org.censorprobe.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLParameters;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The web config as exporter-toolkit defines it: one fixture per rule (src/test/resources/webconfig/), each
 * loaded next to certificates made here, and the behaviours checked against the real listener with real TLS.
 */
class WebConfigTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path FIXTURES = Path.of("src/test/resources/webconfig");

  @TempDir Path dir;
  private HeldCertificate server;
  private HeldCertificate clientCa;
  private HeldCertificate client;

  @BeforeEach
  void certificates() throws IOException {
    server = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").commonName("probe").build();
    Files.writeString(dir.resolve("server.crt"), server.certificatePem());
    Files.writeString(dir.resolve("server.key"), server.privateKeyPkcs8Pem());
    HeldCertificate other = new HeldCertificate.Builder().commonName("other").build();
    Files.writeString(dir.resolve("other.key"), other.privateKeyPkcs8Pem());
    clientCa = new HeldCertificate.Builder().commonName("scraper CA").certificateAuthority(0).build();
    Files.writeString(dir.resolve("client-ca.pem"), clientCa.certificatePem());
    client = new HeldCertificate.Builder().commonName("prometheus").addSubjectAlternativeName("prometheus.example")
        .signedBy(clientCa).build();
  }

  private Path fixture(String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(FIXTURES.resolve(name), target);
    return target;
  }

  private List<String> problems(String name) throws IOException {
    Path file = fixture(name);
    ConfigException e = assertThrows(ConfigException.class, () -> WebConfig.load(file));
    for (ConfigProblem p : e.problems()) assertEquals(file.toString(), p.file());
    return e.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
  }

  private static void assertOneProblem(List<String> problems, String lineAndStart) {
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith(lineAndStart), problems::toString);
  }

  // --- one fixture per rule: refused, with the line --------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown-key.yml | 4: unknown key 'client_ca_fille' in tls_server_config",
      "unknown-root-key.yml | 2: unknown key 'web_listen_address' in the web config",
      "pbkdf2-hash.yml | 2: basic_auth_users.prometheus: a PBKDF2 hash, which censorprobe no longer reads",
      "not-a-hash.yml | 2: basic_auth_users.john: not a bcrypt hash",
      "missing-key.yml | 1: tls_server_config: missing one of key or key_file",
      "cert-unreadable.yml | 2: tls_server_config.cert_file: cannot read ",
      "key-mismatch.yml | 3: tls_server_config: the private key: ",
      "cert-and-cert-file.yml | 3: tls_server_config.cert_file and cert are both set",
      "client-ca-without-policy.yml | 4: tls_server_config: client CAs are configured without a client_auth_type",
      "verify-without-client-ca.yml | 4: tls_server_config.client_auth_type RequireAndVerifyClientCert needs client_ca_file",
      "unknown-client-auth.yml | 4: tls_server_config.client_auth_type 'RequireSomething' is unknown",
      "unknown-tls-version.yml | 4: tls_server_config.min_version 'TLS111' is not a TLS version",
      "tls10.yml | 4: tls_server_config.min_version TLS10 is not supported: the JDK disables TLS 1.0 and 1.1",
      "min-above-max.yml | 4: tls_server_config.min_version is above max_version",
      "invented-cipher.yml | 4: tls_server_config.cipher_suites: 'TLS_INVENTED_WITH_NOTHING' is not a cipher suite",
      "header-not-allowed.yml | 4: http_server_config.headers: header 'Server' cannot be configured",
      "header-bad-value.yml | 3: http_server_config.headers.X-Frame-Options 'allow-from-anywhere' is not allowed",
      "rate-limit-bad-interval.yml | 2: rate_limit.interval '1.5s' is not a duration",
      "duplicate-key.yml | 3: duplicate key 'alice'",
  })
  void aRuleBrokenIsOneProblemOnItsLine(String fixture, String expected) throws IOException {
    assertOneProblem(problems(fixture), expected);
  }

  @Test
  void curvePreferencesAreHonouredWhereTheJdkCanAndRefusedWhereItCannot() throws Exception {
    if (TlsSettings.NamedGroups.supported()) {
      WebConfig c = WebConfig.load(fixture("curves.yml"));
      assertEquals(List.of("secp256r1"), c.tls().namedGroups());
      try (MetricsServer s = MetricsServer.start(LOOPBACK, c, new ProbeMetrics("dev"), "dev")) {
        SSLContext ctx = trustingServer().build().sslContext();
        // A raw socket: the JDK's HttpClient does not pass named groups on to its connections.
        handshake(ctx, groups("secp256r1"), s);
        assertThrows(IOException.class, () -> handshake(ctx, groups("secp384r1"), s));
      }
      try (MetricsServer s = start("min-tls13.yml")) {
        handshake(trustingServer().build().sslContext(), groups("secp384r1"), s); // the JDK's defaults take it
      }
      assertOneProblem(problems("invented-curve.yml"), "4: tls_server_config.curve_preferences: 'CurveP257'");
    } else {
      assertOneProblem(problems("curves.yml"), "4: tls_server_config.curve_preferences is not supported on Java");
    }
  }

  @Test
  void theShippedExampleIsValid() throws Exception {
    WebConfig c = WebConfig.load(Path.of("../deploy/web-config.yml"));
    assertTrue(c.basicAuth());
    assertFalse(c.tlsEnabled());
  }

  @Test
  void anEmptyFileIsPlainHttpWithoutAuth() throws Exception {
    WebConfig c = WebConfig.load(fixture("empty.yml"));
    assertFalse(c.tlsEnabled());
    assertFalse(c.basicAuth());
  }

  @Test
  void aMissingFileIsAProblemOfTheWholeFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> WebConfig.load(dir.resolve("none.yml")));
    assertEquals(0, e.problems().get(0).line());
  }

  // --- behaviour on the real listener ----------------------------------------------------------------------

  /** A file written for blackbox_exporter serves unchanged: TLS, bcrypt users from two tools, headers, rate limit. */
  @Test
  void aBlackboxExporterWebConfigWorksUnchanged() throws Exception {
    Path file = fixture("blackbox.yml");
    String bob = PasswordHash.create("bob's secret".toCharArray(), 4).text();
    Files.writeString(file, Files.readString(file).replace("BOB_HASH", bob));
    WebConfig web = WebConfig.load(file);
    try (MetricsServer s = MetricsServer.start(LOOPBACK, web, new ProbeMetrics("dev"), "dev")) {
      HttpClient c = client(trustingServer().build().sslContext(), null);
      String url = "https://127.0.0.1:" + s.address().getPort() + "/metrics";
      var ok = get(c, url, basic("alice", "alice123"));
      assertEquals(200, ok.statusCode());
      assertTrue(ok.body().contains("censorprobe_build_info"), ok.body());
      assertEquals("deny", ok.headers().firstValue("X-Frame-Options").orElse(""));
      assertEquals("default-src 'self'", ok.headers().firstValue("Content-Security-Policy").orElse(""));
      assertEquals(200, get(c, url, basic("bob", "bob's secret")).statusCode());
      var wrong = get(c, url, basic("alice", "alice1234"));
      assertEquals(401, wrong.statusCode());
      assertEquals("deny", wrong.headers().firstValue("X-Frame-Options").orElse(""), "headers on every answer");
      assertEquals(401, get(c, url, basic("carol", "alice123")).statusCode());
      assertEquals(401, get(c, url, null).statusCode());
    }
  }

  @Test
  void minVersionTls13RefusesATls12Client() throws Exception {
    try (MetricsServer s = start("min-tls13.yml")) {
      SSLContext ctx = trustingServer().build().sslContext();
      assertEquals(200, get(client(ctx, params("TLSv1.3", null)), url(s), null).statusCode());
      assertThrows(IOException.class, () -> get(client(ctx, params("TLSv1.2", null)), url(s), null));
    }
  }

  @Test
  void cipherSuitesLimitTls12() throws Exception {
    try (MetricsServer s = start("tls12-one-cipher.yml")) {
      SSLContext ctx = trustingServer().build().sslContext();
      assertEquals(200, get(client(ctx, params("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")), url(s), null)
          .statusCode());
      assertThrows(IOException.class, () -> get(client(ctx,
          params("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")), url(s), null));
    }
  }

  @Test
  void requireAndVerifyClientCertTakesOnlyCertificatesOfTheClientCa() throws Exception {
    try (MetricsServer s = start("require-and-verify.yml")) {
      assertEquals(200, get(client(trustingServer().heldCertificate(client).build().sslContext(), null), url(s), null)
          .statusCode());
      assertThrows(IOException.class, () -> get(client(trustingServer().build().sslContext(), null), url(s), null));
      HeldCertificate stranger = new HeldCertificate.Builder().commonName("prometheus").build();
      assertThrows(IOException.class, () -> get(client(insisting(stranger), null), url(s), null));
    }
  }

  @Test
  void clientAllowedSansNeedOneOfThemInTheClientCertificate() throws Exception {
    try (MetricsServer s = start("allowed-sans.yml")) {
      assertEquals(200, get(client(trustingServer().heldCertificate(client).build().sslContext(), null), url(s), null)
          .statusCode());
      HeldCertificate otherName = new HeldCertificate.Builder().addSubjectAlternativeName("grafana.example")
          .signedBy(clientCa).build();
      assertThrows(IOException.class, () -> get(client(trustingServer().heldCertificate(otherName).build()
          .sslContext(), null), url(s), null));
    }
  }

  @Test
  void requireAnyClientCertTakesAnyCertificateButNotNone() throws Exception {
    try (MetricsServer s = start("require-any.yml")) {
      HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("anyone").build();
      assertEquals(200, get(client(trustingServer().heldCertificate(selfSigned).build().sslContext(), null), url(s),
          null).statusCode());
      assertThrows(IOException.class, () -> get(client(trustingServer().build().sslContext(), null), url(s), null));
    }
  }

  @Test
  void verifyClientCertIfGivenTakesNoneButNotABadOne() throws Exception {
    try (MetricsServer s = start("verify-if-given.yml")) {
      assertEquals(200, get(client(trustingServer().build().sslContext(), null), url(s), null).statusCode());
      HeldCertificate stranger = new HeldCertificate.Builder().commonName("anyone").build();
      assertThrows(IOException.class, () -> get(client(insisting(stranger), null), url(s), null));
    }
  }

  @Test
  void rateLimitAnswers429OnceTheBurstIsSpent() throws Exception {
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.load(fixture("rate-limit.yml")),
        new ProbeMetrics("dev"), "dev")) {
      HttpClient c = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      String u = "http://127.0.0.1:" + s.address().getPort() + "/healthz";
      assertEquals(200, get(c, u, null).statusCode());
      assertEquals(200, get(c, u, null).statusCode());
      assertEquals(429, get(c, u, null).statusCode());
    }
  }

  @Test
  void pkcs1RsaAndSec1EcKeysAreReadAsGoReadsThem() throws Exception {
    HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().addSubjectAlternativeName("127.0.0.1").build();
    Files.writeString(dir.resolve("rsa.crt"), rsa.certificatePem());
    Files.writeString(dir.resolve("rsa-pkcs1.key"), rsa.privateKeyPkcs1Pem());
    // SEC1 as openssl ecparam -genkey writes it: the curve inside the key.
    PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(server.keyPair().getPrivate().getEncoded());
    byte[] sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) server.keyPair().getPrivate()).getS(),
        pkcs8.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    Files.writeString(dir.resolve("server-sec1.key"), "-----BEGIN EC PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sec1)
        + "\n-----END EC PRIVATE KEY-----\n");
    try (MetricsServer s = start("pkcs1-key.yml")) {
      SSLContext ctx = new HandshakeCertificates.Builder().addTrustedCertificate(rsa.certificate()).build().sslContext();
      assertEquals(200, get(client(ctx, null), url(s), null).statusCode());
    }
    try (MetricsServer s = start("sec1-key.yml")) {
      assertEquals(200, get(client(trustingServer().build().sslContext(), null), url(s), null).statusCode());
    }
  }

  @Test
  void inlineCertificateAndKey() throws Exception {
    Path file = fixture("inline.yml");
    Files.writeString(file, Files.readString(file)
        .replace("CERT_PEM", block(server.certificatePem()))
        .replace("KEY_PEM", block(server.privateKeyPkcs8Pem())));
    try (MetricsServer s = MetricsServer.start(LOOPBACK, WebConfig.load(file), new ProbeMetrics("dev"), "dev")) {
      assertEquals(200, get(client(trustingServer().build().sslContext(), null), url(s), null).statusCode());
    }
  }

  // --- basic auth: the cost of a check -----------------------------------------------------------------------

  /** One bcrypt of the configured cost for a wrong password and for an unknown user alike; none for a cached one. */
  @Test
  void aWrongPasswordAndAnUnknownUserCostOneBcryptOfTheSameCostAndSuccessIsCached() {
    PasswordHash hash = PasswordHash.create("right".toCharArray(), 5);
    List<Integer> costs = new ArrayList<>();
    BasicAuth auth = new BasicAuth(Map.of("prometheus", hash), (h, pw) -> {
      costs.add(h.cost());
      return h.matches(pw);
    });
    assertFalse(auth.check(basic("prometheus", "wrong")));
    assertEquals(List.of(5), costs);
    assertFalse(auth.check(basic("nobody", "wrong")));
    assertEquals(List.of(5, 5), costs);
    assertFalse(auth.check(basic("nobody", "right")), "the decoy never lets anyone in");
    assertTrue(auth.check(basic("prometheus", "right")));
    assertTrue(auth.check(basic("prometheus", "right")));
    assertTrue(auth.check(basic("prometheus", "right")));
    assertEquals(List.of(5, 5, 5, 5), costs, "a successful check is cached");
    assertFalse(auth.check(basic("prometheus", "wrong")));
    assertEquals(5, costs.size(), "a failure is never cached");
    assertFalse(auth.check("Basic !!!"));
    assertFalse(auth.check("Bearer x"));
    assertFalse(auth.check(null));
    assertEquals(5, costs.size(), "a malformed header costs no bcrypt");
  }

  @Test
  void theDecoyHasTheHighestConfiguredCost() {
    List<Integer> costs = new ArrayList<>();
    BasicAuth auth = new BasicAuth(Map.of("a", PasswordHash.create("x".toCharArray(), 4),
        "b", PasswordHash.create("y".toCharArray(), 6)), (h, pw) -> costs.add(h.cost()) && false);
    auth.check(basic("c", "z"));
    assertEquals(List.of(6), costs);
  }

  @Test
  void bcryptHashesOfEveryPrefixAreRead() {
    String made = PasswordHash.create("pw".toCharArray(), 4).text();
    for (String prefix : List.of("$2a$", "$2b$", "$2y$")) {
      PasswordHash h = PasswordHash.parse(prefix + made.substring(4));
      assertTrue(h.matches("pw".toCharArray()), prefix);
      assertFalse(h.matches("pW".toCharArray()), prefix);
    }
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("$2y$03$" + made.substring(7)));
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("$2y$10$short"));
  }

  // --- helpers -----------------------------------------------------------------------------------------------

  private MetricsServer start(String fixture) throws Exception {
    return MetricsServer.start(LOOPBACK, WebConfig.load(fixture(fixture)), new ProbeMetrics("dev"), "dev");
  }

  private HandshakeCertificates.Builder trustingServer() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(server.certificate());
  }

  /**
   * A client that presents {@code cert} whatever CAs the server names: the JDK's own key manager stays silent
   * for a certificate of another CA, which would test nothing.
   */
  private SSLContext insisting(HeldCertificate cert) throws Exception {
    HandshakeCertificates trust = trustingServer().build();
    X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {"c"};
      }

      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return "c";
      }

      @Override
      public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return "c";
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return new X509Certificate[] {cert.certificate()};
      }

      @Override
      public PrivateKey getPrivateKey(String alias) {
        return cert.keyPair().getPrivate();
      }
    };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[] {always}, new TrustManager[] {trust.trustManager()}, null);
    return ctx;
  }

  private static void handshake(SSLContext ctx, SSLParameters params, MetricsServer s) throws IOException {
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
        .createSocket("127.0.0.1", s.address().getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setSSLParameters(params);
      socket.startHandshake();
    }
  }

  private static SSLParameters groups(String group) {
    SSLParameters p = new SSLParameters();
    TlsSettings.NamedGroups.set(p, List.of(group));
    return p;
  }

  private static SSLParameters params(String protocol, String suite) {
    SSLParameters p = new SSLParameters();
    p.setProtocols(new String[] {protocol});
    if (suite != null) p.setCipherSuites(new String[] {suite});
    return p;
  }

  private static HttpClient client(SSLContext ctx, SSLParameters params) {
    HttpClient.Builder b = HttpClient.newBuilder().sslContext(ctx).connectTimeout(TIMEOUT);
    if (params != null) b.sslParameters(params);
    return b.build();
  }

  private static String url(MetricsServer s) {
    return "https://127.0.0.1:" + s.address().getPort() + "/healthz";
  }

  private static HttpResponse<String> get(HttpClient c, String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    if (authorization != null) b.header("Authorization", authorization);
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A YAML literal block of PEM text, indented under its key. */
  private static String block(String pem) {
    return "|\n" + pem.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }

  @Test
  void goDurationsOfTheRateLimit() {
    assertEquals(Duration.ofSeconds(1), WebConfigReader.goDuration("1s"));
    assertEquals(Duration.ofSeconds(90), WebConfigReader.goDuration("1m30s"));
    assertEquals(Duration.ZERO, WebConfigReader.goDuration("0"));
    assertNull(WebConfigReader.goDuration("1.5s"));
  }
}
