package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.junit.jupiter.api.Test;

class HttpProberRawTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void endlessBodyStopsAtTheCap() throws Exception {
    try (RawHttpServer server = new RawHttpServer(out -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>forever</title>"
          .getBytes(StandardCharsets.US_ASCII));
      byte[] filler = new byte[8192];
      Arrays.fill(filler, (byte) 'e');
      while (true) out.write(filler); // ends when the prober hangs up
    })) {
      Fetcher prober = new Fetcher(Duration.ofSeconds(30), HttpProberTest.LIMITS,
          X509TrustManagerHolder.forRoot(HttpProberTlsTest.ROOT).manager());

      HttpExchange e = HttpProberTest.only(prober.fetch(
          URI.create("http://endless.test:" + server.port() + "/"), List.of(LOOPBACK), h -> List.of(), 1));

      assertNull(e.failure(), () -> String.valueOf(e.failure()));
      assertTrue(e.bodyTruncated());
      assertEquals(HttpProberTest.BODY_CAP, e.bodyLength());
      assertEquals("forever", e.title());
    }
  }

  @Test
  void refusedFirstAddressFallsBackToTheNext() throws Exception {
    InetAddress v6 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    try (RawHttpServer server = new RawHttpServer(out ->
        out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
      Fetcher prober = new Fetcher(Duration.ofSeconds(5), HttpProberTest.LIMITS,
          X509TrustManagerHolder.forRoot(HttpProberTlsTest.ROOT).manager());

      HttpExchange e = HttpProberTest.only(prober.fetch(
          URI.create("http://two.test:" + server.port() + "/"), List.of(v6, LOOPBACK), h -> List.of(), 1));

      assertNull(e.failure(), () -> String.valueOf(e.failure()));
      assertEquals(204, e.statusCode());
      assertEquals(org.censorprobe.format.net.IpAddress.of(LOOPBACK), e.address(), "the address connected to, not the first one tried");
    }
  }

  static HttpExchange fetchFrom(RawHttpServer server) {
    Fetcher prober = new Fetcher(Duration.ofSeconds(5), HttpProberTest.LIMITS,
        X509TrustManagerHolder.forRoot(HttpProberTlsTest.ROOT).manager());
    return HttpProberTest.only(prober.fetch(
        URI.create("http://raw.test:" + server.port() + "/"), List.of(LOOPBACK), h -> List.of(), 1));
  }

  @Test
  void bodyCutShortByThePeerIsEof() throws Exception {
    try (RawHttpServer server = new RawHttpServer(out -> out.write(
        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<title>cut</title>".getBytes(StandardCharsets.US_ASCII)))) {
      HttpExchange e = fetchFrom(server);

      HttpProberTest.assertFailure(FailureType.EOF, Operation.HTTP_BODY, e);
      assertEquals(200, e.statusCode());
      assertEquals("<title>cut</title>".length(), e.bodyLength(), "what arrived before the cut is kept");
      assertEquals("cut", e.title());
    }
  }

  @Test
  void chunkedBodyCutShortIsEof() throws Exception {
    try (RawHttpServer server = new RawHttpServer(out -> out.write(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly".getBytes(StandardCharsets.US_ASCII)))) {
      HttpProberTest.assertFailure(FailureType.EOF, Operation.HTTP_BODY, fetchFrom(server));
    }
  }

  @Test
  void headCutShortIsEof() throws Exception {
    try (RawHttpServer server = new RawHttpServer(out -> out.write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/ht".getBytes(StandardCharsets.US_ASCII)))) {
      HttpProberTest.assertFailure(FailureType.EOF, Operation.HTTP_REQUEST, fetchFrom(server));
    }
  }

  @Test
  void anotherProtocolsBannerIsAProtocolError() throws Exception {
    try (RawHttpServer server = new RawHttpServer(out -> out.write(
        "SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)))) {
      HttpProberTest.assertFailure(FailureType.HTTP_PROTOCOL_ERROR, Operation.HTTP_REQUEST, fetchFrom(server));
    }
  }
}
