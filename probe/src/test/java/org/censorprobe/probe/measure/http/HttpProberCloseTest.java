package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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

  @Test
  void theCloseIsOneCloseNotifyAsBrowsersSendIt() throws Exception {
    // JSSE's close() of a TLS 1.3 connection sends user_canceled, then close_notify: two alert records where
    // browsers and Go send one, a mark a censor could key on. Records are encrypted in TLS 1.3, so what a relay
    // between the two can count is how many the client sends after the server's last one (the response).
    try (TlsPeer peer = TlsPeer.servingHttpThenSilent(PKI.validFor(HOST),
        (line, host, sni) -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
         RecordRelay relay = new RecordRelay(peer.address())) {
      Fetcher fetcher = new Fetcher(Duration.ofSeconds(10), HttpProberTest.LIMITS, PKI.trustManager());

      HttpExchange e = HttpProberTest.only(fetcher.fetch(
          URI.create("https://" + HOST + ":" + relay.port() + "/"), Endpoint.HttpMethod.GET,
          List.of(LOOPBACK), host -> List.of(LOOPBACK), 1, Budget.of(Duration.ofSeconds(10))));

      assertNull(e.failure(), () -> String.valueOf(e.failure()));
      assertEquals(List.of("client 23"), relay.clientRecordsAfterTheServersLast());
    }
  }

  /** Relays one connection, logging each whole TLS record (direction and outer type) before passing it on. */
  private static final class RecordRelay implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 1, LOOPBACK);
    private final List<String> log = new ArrayList<>();
    private final Thread toServer;
    private Thread toClient;

    RecordRelay(InetSocketAddress server) throws IOException {
      toServer = new Thread(() -> {
        try (Socket client = listener.accept(); Socket upstream = new Socket(server.getAddress(), server.getPort())) {
          toClient = new Thread(() -> pump(upstream, client, "server"));
          toClient.start();
          pump(client, upstream, "client");
        } catch (IOException ignored) {
          // the relay ends with the connection
        }
      });
      toServer.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    private void pump(Socket from, Socket to, String who) {
      try {
        DataInputStream in = new DataInputStream(from.getInputStream());
        OutputStream out = to.getOutputStream();
        while (true) {
          byte[] header = new byte[5];
          in.readFully(header);
          byte[] body = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
          in.readFully(body);
          synchronized (log) {
            log.add(who + " " + header[0]);
          }
          out.write(header);
          out.write(body);
        }
      } catch (EOFException end) {
        try {
          to.shutdownOutput();
        } catch (IOException ignored) {
          // already gone
        }
      } catch (IOException gone) {
        // the other side reset or closed
      }
    }

    /** The client's records after the last record the server sent, once the client has closed its side. */
    List<String> clientRecordsAfterTheServersLast() throws InterruptedException {
      toServer.join(30_000); // the client's side ends with its FIN, after whatever it sent last
      assertFalse(toServer.isAlive(), "the client never closed its side");
      synchronized (log) {
        int last = -1;
        for (int i = 0; i < log.size(); i++) {
          if (log.get(i).startsWith("server")) last = i;
        }
        return List.copyOf(log.subList(last + 1, log.size()));
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
