package org.censorprobe.probe.measure.http;

import org.censorprobe.format.observe.FailureType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpProberTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static final String HOST = "site.test";
  static final long BODY_CAP = 64 * 1024;
  static final long DECOMPRESSED_CAP = 1024 * 1024;
  static final long HEADER_CAP = 16 * 1024;
  static final int MAX_REDIRECTS = 3;
  static final Limits LIMITS = new Limits(4, BODY_CAP, DECOMPRESSED_CAP, HEADER_CAP, MAX_REDIRECTS, 8);

  static WireMockServer server;
  final List<String> hopLookups = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .gzipDisabled(true) // the tests send gzip themselves; Jetty must not re-encode
        .jettyHeaderResponseSize(1024 * 1024)
        .jettyHeaderBufferSize(1024 * 1024));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static Fetcher prober(Duration timeout) {
    X509TrustManagerHolder trust = X509TrustManagerHolder.forRoot(new HeldCertificate.Builder().certificateAuthority(0).build());
    return new Fetcher(timeout, LIMITS, trust.manager());
  }

  URI url(String path) {
    return URI.create("http://" + HOST + ":" + server.port() + path);
  }

  /** Resolves only names under .test, to loopback, and remembers what it was asked. */
  Function<String, List<InetAddress>> hopResolver() {
    return host -> {
      hopLookups.add(host);
      return host.endsWith(".test") && !host.startsWith("nx.") ? List.of(LOOPBACK) : List.of();
    };
  }

  List<HttpExchange> fetch(String path) {
    return prober(Duration.ofSeconds(5)).fetch(url(path), List.of(LOOPBACK), hopResolver(), 2);
  }

  static HttpExchange only(List<HttpExchange> chain) {
    assertEquals(1, chain.size(), () -> "chain: " + chain);
    return chain.get(0);
  }

  static void assertFailure(FailureType failure, Operation operation, HttpExchange e) {
    assertNotNull(e.failure(), () -> "expected " + failure + " but exchange succeeded: " + e);
    assertEquals(failure, e.failure().type(), () -> "detail: " + e.failure().detail());
    assertEquals(operation, e.failure().operation(), () -> "detail: " + e.failure().detail());
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void okPageRecordsTitleBodyAndWhereItWent() throws Exception {
    String html = "<html><head><TITLE>\n  Example \t Domain\n</TITLE></head><body>hello</body></html>";
    server.stubFor(get("/ok").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));

    HttpExchange e = only(fetch("/ok"));

    assertNull(e.failure());
    assertEquals(200, e.statusCode());
    assertEquals(url("/ok").toString(), e.url());
    assertEquals(org.censorprobe.format.net.IpAddress.of(LOOPBACK), e.address());
    assertEquals(2, e.attempt());
    assertEquals("Example Domain", e.title());
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    assertEquals(body.length, e.bodyLength());
    assertFalse(e.bodyTruncated());
    assertEquals(sha256(body), e.bodySha256());
    assertEquals(html, e.bodySample());
    assertEquals(List.of("text/html; charset=utf-8"), e.headers().get("content-type"));
    assertNotNull(e.timeToFirstByteMs());
    assertNotNull(e.startedAt());
    // A browser-like agent and gzip asked for explicitly, never a cookie.
    server.verify(getRequestedFor(urlEqualTo("/ok"))
        .withHeader("User-Agent", com.github.tomakehurst.wiremock.client.WireMock.equalTo(HttpHop.USER_AGENT))
        .withHeader("Accept-Encoding", com.github.tomakehurst.wiremock.client.WireMock.equalTo("gzip"))
        .withoutHeader("Cookie"));
    assertTrue(hopLookups.isEmpty(), "the first hop must use the given addresses, not a lookup");
  }

  List<HttpExchange> fetchWithPost(String path) {
    return prober(Duration.ofSeconds(5)).fetch(url(path), Endpoint.HttpMethod.POST, List.of(LOOPBACK), hopResolver(), 1);
  }

  /** OONI's telegram test posts nothing to the data centres: the question is only whether they answer. */
  @Test
  void postSendsAnEmptyBodyAndRecordsTheAnswer() {
    server.stubFor(post("/api").willReturn(aResponse().withStatus(404).withBody("<title>dc</title>")));

    HttpExchange e = only(fetchWithPost("/api"));

    assertNull(e.failure());
    assertEquals(404, e.statusCode());
    assertEquals("dc", e.title());
    server.verify(1, postRequestedFor(urlEqualTo("/api"))
        .withHeader("Content-Length", com.github.tomakehurst.wiremock.client.WireMock.equalTo("0"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.absent()));
    server.verify(0, getRequestedFor(urlEqualTo("/api")));
  }

  /** As browsers and Go's client: 307/308 repeat the POST; 301/302/303 continue with a GET. */
  @Test
  void aRedirectedPostKeepsItsMethodOnlyFor307And308() {
    server.stubFor(post("/p/307").willReturn(aResponse().withStatus(307).withHeader("Location", "/p/after307")));
    server.stubFor(post("/p/after307").willReturn(aResponse().withStatus(302).withHeader("Location", "/p/after302")));
    server.stubFor(get("/p/after302").willReturn(aResponse().withStatus(200).withBody("<title>end</title>")));

    List<HttpExchange> chain = fetchWithPost("/p/307");

    assertEquals(List.of(307, 302, 200), chain.stream().map(HttpExchange::statusCode).toList(), chain::toString);
    server.verify(1, postRequestedFor(urlEqualTo("/p/307")));
    server.verify(1, postRequestedFor(urlEqualTo("/p/after307")));
    server.verify(0, postRequestedFor(urlEqualTo("/p/after302")));
    server.verify(1, getRequestedFor(urlEqualTo("/p/after302")));
  }

  @Test
  void redirectChainIsRecordedHopByHop() {
    server.stubFor(get("/chain/1").willReturn(aResponse().withStatus(301).withHeader("Location", "/chain/2")));
    server.stubFor(get("/chain/2").willReturn(aResponse().withStatus(302).withHeader("Location", "3")));
    server.stubFor(get("/chain/3").willReturn(aResponse().withStatus(200).withBody("<title>end</title>")));

    List<HttpExchange> chain = fetch("/chain/1");

    assertEquals(3, chain.size(), () -> chain.toString());
    assertEquals(List.of(301, 302, 200), chain.stream().map(HttpExchange::statusCode).toList());
    assertEquals(List.of(url("/chain/1").toString(), url("/chain/2").toString(), url("/chain/3").toString()),
        chain.stream().map(HttpExchange::url).toList());
    assertTrue(chain.stream().allMatch(HttpExchange::ok));
    assertEquals("end", chain.get(2).title());
  }

  @Test
  void aSlowRedirectChainSharesOneDeadline() {
    // Three hops of 900 ms each: every hop alone is within the 2 s timeout, the chain is not.
    for (int i = 1; i <= 3; i++) {
      server.stubFor(get("/slowchain/" + i).willReturn(aResponse().withStatus(302).withFixedDelay(900)
          .withHeader("Location", "/slowchain/" + (i + 1))));
    }
    server.stubFor(get("/slowchain/4").willReturn(aResponse().withStatus(200)));

    List<HttpExchange> chain = prober(Duration.ofSeconds(2)).fetch(url("/slowchain/1"), List.of(LOOPBACK),
        hopResolver(), 1);

    HttpExchange last = chain.get(chain.size() - 1);
    assertEquals(TIMEOUT, last.failure() == null ? null : last.failure().type(), chain::toString);
    assertTrue(chain.size() <= 3, chain::toString);
  }

  @Test
  void redirectBackToAVisitedUrlIsALoop() {
    server.stubFor(get("/loop/a").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop/b")));
    server.stubFor(get("/loop/b").willReturn(aResponse().withStatus(302)
        .withHeader("Location", url("/loop/a#again").toString())));

    List<HttpExchange> chain = fetch("/loop/a");

    assertEquals(2, chain.size(), () -> chain.toString());
    assertNull(chain.get(0).failure());
    assertFailure(HTTP_REDIRECT_LOOP, Operation.HTTP_REQUEST, chain.get(1));
    assertEquals(302, chain.get(1).statusCode());
  }

  @Test
  void redirectsBeyondTheLimitFail() {
    for (int i = 0; i <= MAX_REDIRECTS + 2; i++) {
      server.stubFor(get("/many/" + i).willReturn(aResponse().withStatus(307)
          .withHeader("Location", "/many/" + (i + 1))));
    }

    List<HttpExchange> chain = fetch("/many/0");

    assertEquals(MAX_REDIRECTS + 1, chain.size(), () -> chain.toString());
    assertFailure(HTTP_TOO_MANY_REDIRECTS, Operation.HTTP_REQUEST, chain.get(MAX_REDIRECTS));
    assertTrue(chain.subList(0, MAX_REDIRECTS).stream().allMatch(HttpExchange::ok));
  }

  @Test
  void redirectWithoutUsableLocationIsInvalid() {
    server.stubFor(get("/noloc").willReturn(aResponse().withStatus(302)));
    server.stubFor(get("/badloc").willReturn(aResponse().withStatus(302).withHeader("Location", "ftp://x.test/")));

    assertFailure(HTTP_INVALID_REDIRECT, Operation.HTTP_REQUEST, only(fetch("/noloc")));
    assertFailure(HTTP_INVALID_REDIRECT, Operation.HTTP_REQUEST, only(fetch("/badloc")));
  }

  @Test
  void redirectToAnotherHostResolvesThroughTheHopResolver() {
    server.stubFor(get("/away").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://other.test:" + server.port() + "/landed")));
    server.stubFor(get("/landed").willReturn(aResponse().withStatus(200).withBody("here")));

    List<HttpExchange> chain = fetch("/away");

    assertEquals(2, chain.size(), () -> chain.toString());
    assertEquals(List.of("other.test"), hopLookups);
    assertEquals(200, chain.get(1).statusCode());
    assertEquals(org.censorprobe.format.net.IpAddress.of(LOOPBACK), chain.get(1).address());
    assertTrue(chain.get(1).ok());
  }

  @Test
  void redirectToAHostWithoutAddressesFailsAsDns() {
    server.stubFor(get("/nx").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://nx.test:" + server.port() + "/never")));

    List<HttpExchange> chain = fetch("/nx");

    assertEquals(2, chain.size(), () -> chain.toString());
    assertTrue(chain.get(0).ok());
    assertFailure(DNS_NO_ANSWER, Operation.RESOLVE, chain.get(1));
    assertEquals(0, chain.get(1).statusCode());
  }

  @Test
  void errorStatusesAreRecordedNotFailures() {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("<title>Not Found</title>")));
    server.stubFor(get("/down").willReturn(aResponse().withStatus(503).withBody("busy")));

    HttpExchange missing = only(fetch("/missing"));
    HttpExchange down = only(fetch("/down"));

    assertEquals(404, missing.statusCode());
    assertNull(missing.failure());
    assertEquals("Not Found", missing.title());
    assertEquals(503, down.statusCode());
    assertNull(down.failure());
  }

  @Test
  void blockpageInItsOwnCharsetKeepsTitleAndSample() {
    Charset cp1251 = Charset.forName("windows-1251");
    String page = "<html><head><meta charset=windows-1251><title>Доступ к ресурсу ограничен</title></head>"
        + "<body>Ресурс заблокирован по решению уполномоченного органа.</body></html>";
    server.stubFor(get("/blocked").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=windows-1251").withBody(page.getBytes(cp1251))));

    HttpExchange e = only(fetch("/blocked"));

    assertNull(e.failure());
    assertEquals("Доступ к ресурсу ограничен", e.title());
    assertEquals(page, e.bodySample());
  }

  @Test
  void metaCharsetDecodesWhenTheHeaderNamesNone() {
    Charset cp1251 = Charset.forName("windows-1251");
    String page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
        + "<title>Сайт заблокирован</title></head></html>";
    server.stubFor(get("/meta").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody(page.getBytes(cp1251))));

    assertEquals("Сайт заблокирован", only(fetch("/meta")).title());
  }

  @Test
  void sampleIsTheFirstFourKibOfALargerBody() {
    String page = "<title>big</title>" + "x".repeat(20_000);
    server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(page)));

    HttpExchange e = only(fetch("/big"));

    assertEquals(page.substring(0, PageText.SAMPLE_BYTES), e.bodySample());
    assertEquals(page.length(), e.bodyLength());
    assertFalse(e.bodyTruncated());
    assertNotNull(e.transferBytesPerSecond(), "20 kB of body is enough for a rate");
  }

  @Test
  void bodyOverTheCapIsTruncatedNotFailed() throws Exception {
    byte[] body = new byte[(int) BODY_CAP * 4];
    java.util.Arrays.fill(body, (byte) 'a');
    server.stubFor(get("/huge").willReturn(aResponse().withStatus(200).withBody(body)));

    HttpExchange e = only(fetch("/huge"));

    assertNull(e.failure());
    assertTrue(e.bodyTruncated());
    assertEquals(BODY_CAP, e.bodyLength());
    assertEquals(sha256(java.util.Arrays.copyOf(body, (int) BODY_CAP)), e.bodySha256());
  }

  @Test
  void gzipBodyIsInflatedWithinBounds() throws Exception {
    String html = "<title>compressed</title>" + "y".repeat(1000);
    server.stubFor(get("/gz").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Encoding", "gzip").withBody(gzip(html.getBytes(StandardCharsets.UTF_8), 1))));

    HttpExchange e = only(fetch("/gz"));

    assertNull(e.failure());
    assertEquals("compressed", e.title());
    assertEquals(html.length(), e.bodyLength());
    assertEquals(sha256(html.getBytes(StandardCharsets.UTF_8)), e.bodySha256());
  }

  @Test
  void gzipBombIsCut() throws Exception {
    byte[] zeros = new byte[1024 * 1024];
    byte[] bomb = gzip(zeros, 64); // 64 MiB inflated from well under 100 kB
    server.stubFor(get("/bomb").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Encoding", "gzip").withBody(bomb)));

    HttpExchange e = only(fetch("/bomb"));

    assertFailure(HTTP_BODY_TOO_LARGE, Operation.HTTP_BODY, e);
    assertEquals(200, e.statusCode());
    assertEquals(BODY_CAP, e.bodyLength(), "only the capped part is kept");
    assertTrue(e.bodyTruncated());
  }

  @Test
  void corruptGzipIsAProtocolError() {
    server.stubFor(get("/notgz").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Encoding", "gzip").withBody("this is not gzip at all")));

    assertFailure(HTTP_PROTOCOL_ERROR, Operation.HTTP_BODY, only(fetch("/notgz")));
  }

  @Test
  void slowDripEndsAtTheDeadlineAsABodyTimeout() {
    server.stubFor(get("/drip").willReturn(aResponse().withStatus(200)
        .withBody("z".repeat(1000)).withChunkedDribbleDelay(100, 30_000)));

    // 2 s leaves the head time to arrive on a loaded machine; the body needs 30 s.
    HttpExchange e = only(prober(Duration.ofSeconds(2)).fetch(url("/drip"), List.of(LOOPBACK), hopResolver(), 1));

    assertFailure(TIMEOUT, Operation.HTTP_BODY, e);
    assertEquals(200, e.statusCode());
  }

  @Test
  void slowHeadIsARequestTimeout() {
    server.stubFor(get("/late").willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));

    HttpExchange e = only(prober(Duration.ofSeconds(1)).fetch(url("/late"), List.of(LOOPBACK), hopResolver(), 1));

    assertFailure(TIMEOUT, Operation.HTTP_REQUEST, e);
    assertEquals(0, e.statusCode());
  }

  @Test
  void brokenChunkingIsAProtocolError() {
    server.stubFor(get("/chunk").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    HttpExchange e = only(fetch("/chunk"));

    assertFailure(HTTP_PROTOCOL_ERROR, Operation.HTTP_BODY, e);
    assertEquals(200, e.statusCode());
  }

  @Test
  void resetByPeerIsConnectionReset() {
    server.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertFailure(CONNECTION_RESET, Operation.HTTP_REQUEST, only(fetch("/reset")));
  }

  @Test
  void closeWithoutResponseIsEof() {
    server.stubFor(get("/empty").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertFailure(EOF, Operation.HTTP_REQUEST, only(fetch("/empty")));
  }

  @Test
  void garbageInsteadOfAResponseIsAProtocolError() {
    server.stubFor(get("/garbage").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    assertFailure(HTTP_PROTOCOL_ERROR, Operation.HTTP_REQUEST, only(fetch("/garbage")));
  }

  @Test
  void headOverTheHeaderCapFails() {
    server.stubFor(get("/fat").willReturn(aResponse().withStatus(200)
        .withHeader("X-Filler", "f".repeat((int) HEADER_CAP * 2)).withBody("never read")));

    HttpExchange e = only(fetch("/fat"));

    assertFailure(HTTP_HEADERS_TOO_LARGE, Operation.HTTP_REQUEST, e);
    assertFalse(e.headers().containsKey("x-filler"), "the oversized header is not kept");
    assertNull(e.bodySha256());
  }

  @Test
  void headOverOkhttpsOwnLimitFailsAsHeadersTooLarge() {
    server.stubFor(get("/obese").willReturn(aResponse().withStatus(200)
        .withHeader("X-Filler", "f".repeat(300 * 1024)).withBody("never read")));

    assertFailure(HTTP_HEADERS_TOO_LARGE, Operation.HTTP_REQUEST, only(fetch("/obese")));
  }

  @Test
  void refusedPortIsConnectionRefused() throws IOException {
    HttpExchange e;
    try (TcpPeer refusing = TcpPeer.refusing()) {
      URI closed = URI.create("http://" + HOST + ":" + refusing.address().getPort() + "/");
      e = only(prober(Duration.ofSeconds(2)).fetch(closed, List.of(LOOPBACK), hopResolver(), 1));
    }

    assertFailure(CONNECTION_REFUSED, Operation.CONNECT, e);
    assertEquals(org.censorprobe.format.net.IpAddress.of(LOOPBACK), e.address());
  }

  @Test
  void ipLiteralNeedsNoAddresses() {
    server.stubFor(get("/literal").willReturn(aResponse().withStatus(204)));

    HttpExchange e = only(prober(Duration.ofSeconds(2)).fetch(
        URI.create("http://127.0.0.1:" + server.port() + "/literal"), List.of(), hopResolver(), 1));

    assertNull(e.failure());
    assertEquals(204, e.statusCode());
    assertTrue(hopLookups.isEmpty());
  }

  @Test
  void cookiesAreNeitherKeptWithinAChainNorAcrossFetches() {
    server.stubFor(get("/cookie/set").willReturn(aResponse().withStatus(302)
        .withHeader("Set-Cookie", "session=abc; Path=/").withHeader("Location", "/cookie/check")));
    server.stubFor(get("/cookie/check").willReturn(aResponse().withStatus(200)));

    assertEquals(2, fetch("/cookie/set").size());
    fetch("/cookie/check");

    server.verify(2, getRequestedFor(urlEqualTo("/cookie/check")).withoutHeader("Cookie"));
  }

  @Test
  void notAnHttpUrlIsRecordedNotThrown() {
    HttpExchange e = only(prober(Duration.ofSeconds(1)).fetch(URI.create("ftp://" + HOST + "/file"),
        List.of(LOOPBACK), hopResolver(), 1));

    assertNotNull(e.failure());
    assertEquals(0, e.statusCode());
  }

  static byte[] gzip(byte[] chunk, int times) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (int i = 0; i < times; i++) gz.write(chunk);
    }
    return out.toByteArray();
  }
}
