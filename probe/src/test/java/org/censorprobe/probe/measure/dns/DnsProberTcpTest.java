package org.censorprobe.probe.measure.dns;

import org.censorprobe.format.net.IpAddress;

import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.LONG;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.SHORT;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.assertFailure;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.prober;
import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.dns.DnsTestServer.Misbehaviour;
import org.censorprobe.probe.testing.dns.DnsTestServer.Query;
import org.censorprobe.probe.testing.dns.DnsTestServer.Transport;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

class DnsProberTcpTest {
  DnsTestServer dns;
  ResolverSpec tcp;

  @BeforeEach
  void start() throws Exception {
    dns = DnsTestServer.start();
    tcp = new ResolverSpec(ResolverSpec.Transport.TCP, dns.tcpUri());
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  @Test
  void answersOverTcp() {
    dns.address("www.example.com", "93.184.215.14", "2606:2800:21f:cb07::1");
    List<DnsObservation> obs = prober(LONG).resolve(tcp, "www.example.com", 1);
    assertNull(obs.get(0).failure());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), obs.get(0).addresses());
    assertEquals(List.of(IpAddress.parse("2606:2800:21f:cb07::1")), obs.get(1).addresses());
    assertEquals(tcp.uri().toString(), obs.get(0).resolver());
    assertEquals(List.of(new Query("www.example.com", "A", Transport.TCP),
        new Query("www.example.com", "AAAA", Transport.TCP)), dns.queries());
  }

  @Test
  void nxdomainOverTcp() {
    dns.rcode("blocked.example", Rcode.NXDOMAIN);
    assertFailure(DNS_NXDOMAIN, prober(LONG).resolve(tcp, "blocked.example", 0).get(0));
  }

  @Test
  void silenceOverTcpIsATimeout() {
    dns.misbehave("silent.example", Misbehaviour.SILENT);
    assertFailure(TIMEOUT, prober(SHORT).resolve(tcp, "silent.example", 0).get(0));
  }

  @Test
  void wrongIdOverTcpIsABogusReply() {
    dns.misbehave("spoofed.example", Misbehaviour.WRONG_ID);
    assertFailure(DNS_BOGUS_REPLY, prober(LONG).resolve(tcp, "spoofed.example", 0).get(0));
  }

  @Test
  void malformedOverTcpIsServerMisbehaving() {
    dns.misbehave("garbage.example", Misbehaviour.MALFORMED);
    assertFailure(DNS_SERVER_MISBEHAVING, prober(LONG).resolve(tcp, "garbage.example", 0).get(0));
  }

  @Test
  void closedPortIsConnectionRefused() throws Exception {
    try (TcpPeer refusing = TcpPeer.refusing()) {
      ResolverSpec nobody = new ResolverSpec(ResolverSpec.Transport.TCP,
          URI.create("tcp://127.0.0.1:" + refusing.address().getPort()));
      assertFailure(CONNECTION_REFUSED, prober(LONG).resolve(nobody, "www.example.com", 0).get(0));
    }
  }
}
