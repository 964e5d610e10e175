package org.censorprobe.probe.measure.dns;

import org.censorprobe.format.observe.FailureType;

import org.censorprobe.format.net.IpAddress;

import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.LONG;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.SHORT;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.assertFailure;
import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.dns.DnsTestServer.Misbehaviour;
import org.censorprobe.probe.testing.dns.DnsTestServer.Query;
import org.censorprobe.probe.testing.dns.DnsTestServer.Transport;
import org.censorprobe.probe.testing.dns.DohTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

class DnsProberDohTest {
  DnsTestServer dns;
  DohTestServer doh;
  ResolverSpec resolver;

  @BeforeEach
  void start() throws Exception {
    dns = DnsTestServer.start();
    doh = DohTestServer.start(dns);
    resolver = new ResolverSpec(ResolverSpec.Transport.DOH, doh.uri());
  }

  @AfterEach
  void stop() {
    doh.close();
    dns.close();
  }

  private DnsProber prober(Duration timeout) {
    return new DnsProber(timeout, BogonRanges.excluding(List.of()), List.of(), doh.clientTrust());
  }

  @Test
  void answersOverDoh() {
    dns.cname("www.example.com", "edge.cdn.net").address("edge.cdn.net", 30, "151.101.1.1", "2a04:4e42::1");
    List<DnsObservation> obs = prober(LONG).resolve(resolver, "www.example.com", 0);
    DnsObservation a = obs.get(0);
    assertNull(a.failure(), a.toString());
    assertEquals(doh.uri().toString(), a.resolver());
    assertEquals(List.of("edge.cdn.net"), a.cnameChain());
    assertEquals(DnsAnswer.address("edge.cdn.net", 30, IpAddress.parse("151.101.1.1"), false), a.answers().get(1));
    assertEquals(List.of(IpAddress.parse("2a04:4e42::1")), obs.get(1).addresses());
    assertEquals(List.of(new Query("www.example.com", "A", Transport.DOH),
        new Query("www.example.com", "AAAA", Transport.DOH)), dns.queries());
  }

  @Test
  void rcodesOverDoh() {
    dns.rcode("blocked.example", Rcode.NXDOMAIN).empty("empty.example");
    assertFailure(DNS_NXDOMAIN, prober(LONG).resolve(resolver, "blocked.example", 0).get(0));
    assertFailure(DNS_NO_ANSWER, prober(LONG).resolve(resolver, "empty.example", 0).get(0));
  }

  @Test
  void jdkDefaultTrustDoesNotKnowTheTestCa() {
    DnsProber defaultTrust = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of());
    dns.address("www.example.com", "93.184.215.14");
    assertFailure(SSL_UNKNOWN_AUTHORITY, defaultTrust.resolve(resolver, "www.example.com", 0).get(0));
  }

  @Test
  void silenceOverDohIsATimeout() {
    dns.misbehave("silent.example", Misbehaviour.SILENT);
    assertFailure(TIMEOUT, prober(SHORT).resolve(resolver, "silent.example", 0).get(0));
  }

  @Test
  void wrongQuestionOverDohIsABogusReply() {
    dns.misbehave("spoofed.example", Misbehaviour.WRONG_QUESTION);
    assertFailure(DNS_BOGUS_REPLY, prober(LONG).resolve(resolver, "spoofed.example", 0).get(0));
  }

  @Test
  void httpErrorStatusIsServerMisbehaving() {
    doh.failWithStatus(502);
    DnsObservation a = prober(LONG).resolve(resolver, "www.example.com", 0).get(0);
    assertFailure(DNS_SERVER_MISBEHAVING, a);
    assertTrue(a.failure().detail().contains("502"), a.failure().detail());
  }

  @Test
  void oversizedReplyIsCappedAndServerMisbehaving() {
    doh.oversizeReplies();
    DnsObservation a = prober(LONG).resolve(resolver, "www.example.com", 0).get(0);
    assertFailure(DNS_SERVER_MISBEHAVING, a);
    assertTrue(a.failure().detail().contains("larger than"), a.failure().detail());
  }

  @Test
  void namedDohHostIsResolvedThroughTheSystemNameserversNotTheJdk() {
    dns.address(DohTestServer.HOST_NAME, "127.0.0.1").address("www.example.com", "93.184.215.14");
    ResolverSpec byName = new ResolverSpec(ResolverSpec.Transport.DOH, doh.uriByName());
    DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(dns.socketAddress()),
        doh.clientTrust());
    DnsObservation a = prober.resolve(byName, "www.example.com", 0).get(0);
    assertNull(a.failure(), a.toString());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
    assertEquals(new Query(DohTestServer.HOST_NAME, "A", Transport.UDP), dns.queries().get(0));
    assertEquals(new Query("www.example.com", "A", Transport.DOH), dns.queries().get(1));
  }

  @Test
  void unresolvableDohHostRecordsTheLookupFailure() {
    ResolverSpec byName = new ResolverSpec(ResolverSpec.Transport.DOH, doh.uriByName());
    DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(dns.socketAddress()),
        doh.clientTrust());
    DnsObservation a = prober.resolve(byName, "www.example.com", 0).get(0);
    assertEquals(DNS_NXDOMAIN, a.failure().type(), a.toString());
    // The query never reached the DoH server: the failure says so, so the classifier does not blame that server.
    assertEquals(org.censorprobe.format.observe.Operation.RESOLVE_SERVER, a.failure().operation());
    assertTrue(a.failure().detail().contains(DohTestServer.HOST_NAME), a.failure().detail());
    assertTrue(dns.queries().stream().noneMatch(q -> q.transport() == Transport.DOH));
  }
}
