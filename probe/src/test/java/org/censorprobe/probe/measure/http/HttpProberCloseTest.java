package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Test;

/** What happens after a response is whole: closing the connection is not part of the measurement. */
class HttpProberCloseTest {
  private static final TestCertificates PKI = TestCertificates.create();
  private static final String HOST = "silent.test";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aServerThatNeverAnswersTheCloseCostsNothingOfTheBudget() {
    // The server answers, then never reads our close_notify and never closes. JSSE's close waited for its answer
    // up to the socket's read timeout (okhttp leaves the HTTP step's there: 60 s here; this peer gives up at
    // 30 s), recorded as the hop's duration and far past the endpoint's budget of 10 s. The close no longer waits.
    // The body is large enough for a transfer rate, which is read over the body's reads: the last one ends the
    // call and closes the connection, so the wait counted in the rate too (a throttling rule's evidence).
    String body = "<title>ok</title>" + "x".repeat(32 * 1024);
    try (TlsPeer peer = TlsPeer.servingHttpThenSilent(PKI.validFor(HOST),
        (line, host, sni) -> "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)) {
      Fetcher fetcher = new Fetcher(Duration.ofSeconds(60), HttpProberTest.LIMITS, PKI.trustManager());
      Duration budget = Duration.ofSeconds(10);

      HttpExchange e = HttpProberTest.only(fetcher.fetch(
          URI.create("https://" + HOST + ":" + peer.address().getPort() + "/"), Endpoint.HttpMethod.GET,
          List.of(LOOPBACK), host -> List.of(LOOPBACK), 1, Budget.of(budget)));

      assertNull(e.failure(), () -> String.valueOf(e.failure()));
      assertEquals(200, e.statusCode());
      assertEquals("ok", e.title());
      assertTrue(e.durationMs() <= budget.toMillis(), () -> "the hop took " + e.durationMs() + " ms");
      assertNotNull(e.transferBytesPerSecond());
      assertTrue(e.transferBytesPerSecond() >= body.length() / (double) budget.toSeconds(),
          () -> "read at " + e.transferBytesPerSecond() + " bytes/s");
    }
  }
}
