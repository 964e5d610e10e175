package org.censorprobe.probe.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flow per address, seen from both ends: a real TLS web server on loopback counts the ClientHellos and the
 * connections it got, and the records must account for every one of them, each HTTP response tied by its flow id to
 * the connect and the handshake it rode on.
 */
@Timeout(120)
class FlowsIntegrationTest {
  private static final TestCertificates PKI = TestCertificates.create();
  private static final List<String> NAMES = List.of("two.test", "one.test", "moved.test", "landed.test",
      "post.test", "control.test");

  @TempDir static Path dir;
  static DnsTestServer dns;
  static TlsPeer web;
  static final List<String> requestLines = new CopyOnWriteArrayList<>();
  static final Map<String, Measurement> byEndpointHost = new HashMap<>();
  static List<Measurement> all;

  @BeforeAll
  static void measure() throws Exception {
    web = TlsPeer.servingHttp(PKI.validForAll(NAMES), (requestLine, host, sni) -> {
      requestLines.add(sni + " " + requestLine);
      if (host != null && host.startsWith("moved.test")) {
        return "HTTP/1.1 302 Found\r\nLocation: https://landed.test:" + host.substring(host.indexOf(':') + 1)
            + "/here\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      }
      String body = "<html><title>served " + host + "</title></html>";
      return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body;
    });
    int port = web.address().getPort();
    dns = DnsTestServer.start();
    // 127.0.0.3 on the web server's port: nothing listens there, so that address is tried and refused.
    dns.address("two.test", "127.0.0.3", "127.0.0.1");
    for (String n : List.of("one.test", "moved.test", "landed.test", "post.test", "control.test")) {
      dns.address(n, "127.0.0.1");
    }
    Files.writeString(dir.resolve("root.pem"), PKI.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: loopback-flows}
        timeouts: {dns: 5s, tcp: 5s, tls: 20s, http: 20s}
        control:
          targets: [ https://control.test:%1$d/ ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          web:
            endpoints:
              - https://two.test:%1$d/
              - https://one.test:%1$d/page
              - https://moved.test:%1$d/start
              - POST https://post.test:%1$d/api
        """.formatted(port));
    all = Rounds.run(config, List.of(dns.socketAddress()));
    for (Measurement m : all) {
      if (m.steps() instanceof EndpointObservations o) byEndpointHost.put(o.endpoint().host(), m);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {web, dns}) if (c != null) c.close();
  }

  private static EndpointObservations steps(String host) {
    return byEndpointHost.get(host).observations();
  }

  private static List<EndpointObservations> endpoints() {
    List<EndpointObservations> out = new ArrayList<>();
    for (Measurement m : all) if (m.steps() instanceof EndpointObservations o) out.add(o);
    return out;
  }

  @Test
  void oneClientHelloPerAddressAndAttemptAndItIsTheOneTheResponseRodeOn() {
    int handshakes = 0;
    for (EndpointObservations o : endpoints()) handshakes += o.tls().size() + o.sniSwap().size();
    // The server saw exactly the handshakes the records describe: no second ClientHello for the HTTP request.
    assertEquals(web.clientHellos(), handshakes, web.serverNamesSeen()::toString);
    for (EndpointObservations o : endpoints()) {
      for (HttpExchange h : o.http()) {
        if (h.statusCode() == 0) continue;
        TlsObservation tls = o.tls().stream().filter(t -> t.flow() == h.flow()).findFirst().orElseThrow(
            () -> new AssertionError("no handshake on the flow of " + h));
        TcpObservation tcp = o.tcp().stream().filter(t -> t.flow() == h.flow()).findFirst().orElseThrow();
        assertTrue(tls.ok(), tls::toString);
        assertTrue(tcp.ok(), tcp::toString);
        assertEquals(h.address(), tls.address());
        assertEquals(h.address(), tcp.address());
        assertEquals("http/1.1", tls.alpn(), "the ClientHello offered what the request then spoke");
        assertTrue(h.flow() > 0);
      }
    }
  }

  @Test
  void everyConnectionTheServerAcceptedIsARecordedConnect() {
    long recorded = endpoints().stream().flatMap(o -> o.tcp().stream()).filter(TcpObservation::ok).count();
    assertEquals(web.connectionsAccepted(), recorded);
    // Each flow id is one connection: never two connects under one id within a record.
    for (EndpointObservations o : endpoints()) {
      assertEquals(o.tcp().size(), o.tcp().stream().mapToInt(TcpObservation::flow).distinct().count(), o::toString);
    }
  }

  @Test
  void anAddressTriedAndAbandonedIsRecordedAndHttpWentToTheOneThatWorked() {
    EndpointObservations o = steps("two.test");
    TcpObservation refused = o.tcp().stream().filter(t -> t.address().equals(IpAddress.parse("127.0.0.3")))
        .findFirst().orElseThrow(() -> new AssertionError(o.tcp().toString()));
    assertEquals(FailureType.CONNECTION_REFUSED, refused.failure().type());
    assertEquals(2, o.tcp().stream().filter(t -> t.address().equals(refused.address()))
        .mapToInt(TcpObservation::attempt).max().orElse(0), "a refused connect is retried once");
    assertEquals(1, o.http().size());
    assertEquals(IpAddress.parse("127.0.0.1"), o.http().get(0).address());
    assertEquals(200, o.http().get(0).statusCode());
    // An address failing while another works is a partial finding, never a block without a remote vantage.
    assertNotEquals(Verdict.BLOCKED, byEndpointHost.get("two.test").judgement().interpretation().verdict());
  }

  @Test
  void aRedirectToAnotherNameIsResolvedAndFetchedOverAFlowOfItsOwn() {
    EndpointObservations o = steps("moved.test");
    assertEquals(List.of(302, 200), o.http().stream().map(HttpExchange::statusCode).toList());
    DnsObservation lookup = o.dns().stream().filter(d -> d.query().equals("landed.test")).findFirst()
        .orElseThrow(() -> new AssertionError("the redirect host's lookup is recorded: " + o.dns()));
    assertEquals("system", lookup.resolver());
    HttpExchange second = o.http().get(1);
    assertNotEquals(o.http().get(0).flow(), second.flow());
    TlsObservation hop = o.tls().stream().filter(t -> t.flow() == second.flow()).findFirst().orElseThrow();
    assertEquals("landed.test", hop.serverName());
    assertTrue(requestLines.contains("landed.test GET /here HTTP/1.1"), requestLines::toString);
    assertEquals(Verdict.OK, byEndpointHost.get("moved.test").judgement().interpretation().verdict());
  }

  @Test
  void aPostEndpointPostsAnEmptyBody() {
    EndpointObservations o = steps("post.test");
    assertEquals("POST", o.http().get(0).method());
    assertEquals(200, o.http().get(0).statusCode());
    assertTrue(requestLines.contains("post.test POST /api HTTP/1.1"), requestLines::toString);
  }

  @Test
  void nothingIsBlockedAndTheControlWasReached() {
    for (Measurement m : all) {
      if (m.judgement() == null || m.judgement().interpretation() == null) continue;
      assertNotEquals(Verdict.BLOCKED, m.judgement().interpretation().verdict(), m::toString);
    }
    EndpointObservations control = steps("control.test");
    assertNull(control.http().get(0).failure());
    assertNotNull(control.http().get(0).title());
    assertFalse(control.tcp().isEmpty());
  }
}
