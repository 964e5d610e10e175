package org.censorprobe.probe.measure.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What happens to a round's DoH connections when the round ends: closing them is not waiting on the server. */
class DohExchangeCloseTest {
  private static final TestCertificates PKI = TestCertificates.create();
  private static final String HOST = "doh.test";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aServerThatNeverAnswersTheCloseHoldsTheRoundsEndNoLongerThanItsDeadline() throws Exception {
    // The server answers a query, then never reads the client's close_notify and never closes. JSSE's close waited
    // for its answer up to the socket's read timeout, okhttp's default 10 s, on the thread that ends the round
    // (per idle connection, up to four per DoH server): past any deadline the round has. Reads are bounded by each
    // call's deadline instead, and the close does not wait.
    Name name = Name.fromString("www.example.com.");
    Message query = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
    query.getHeader().setID(0); // as DnsProber asks over DoH (RFC 8484, 4.1)
    Message reply = new Message(0);
    reply.getHeader().setFlag(Flags.QR);
    reply.addRecord(query.getQuestion(), Section.QUESTION);
    reply.addRecord(new ARecord(name, DClass.IN, 300, InetAddress.getByName("93.184.215.14")), Section.ANSWER);
    String body = new String(reply.toWire(), StandardCharsets.ISO_8859_1);
    try (TlsPeer peer = TlsPeer.servingHttpThenSilent(PKI.validFor(HOST), (line, host, sni) ->
        "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\nContent-Length: " + body.length() + "\r\n\r\n"
            + body)) {
      Duration deadline = Duration.ofSeconds(5);
      URI uri = URI.create("https://" + HOST + ":" + peer.address().getPort() + "/dns-query");
      long start = System.nanoTime();

      DohExchange.Session session = new DohExchange(deadline, PKI.trustManager()).session(List.of(LOOPBACK));
      Message answered = session.exchange(query, uri, start + deadline.toNanos());
      session.close();

      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(1, answered.getSection(Section.ANSWER).size(), answered::toString);
      assertTrue(tookMs <= deadline.toMillis(), () -> "the query and the session's close took " + tookMs + " ms");
    }
  }
}
