package org.censorprobe.probe.measure.dns;

import org.censorprobe.format.net.IpAddress;

import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.LONG;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.SHORT;
import static org.censorprobe.probe.measure.dns.DnsProberUdpTest.assertFailure;
import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.dns.DnsTestServer.Misbehaviour;
import org.junit.jupiter.api.Test;

class DnsProberSystemTest {
  @Test
  void asksTheFirstSystemNameserverAndLabelsTheObservationSystem() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start()) {
      dns.address("www.example.com", "93.184.215.14");
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(dns.socketAddress()));
      DnsObservation a = prober.resolve(ResolverSpec.SYSTEM, "www.example.com", 0).get(0);
      assertNull(a.failure());
      assertEquals("system", a.resolver());
      assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
    }
  }

  @Test
  void fallsBackToTheNextNameserverWhenTheFirstIsSilent() throws Exception {
    try (DnsTestServer silent = DnsTestServer.start(); DnsTestServer second = DnsTestServer.start()) {
      silent.misbehave("www.example.com", Misbehaviour.SILENT);
      second.address("www.example.com", "93.184.215.14");
      DnsProber prober = new DnsProber(SHORT, BogonRanges.excluding(List.of()),
          List.of(silent.socketAddress(), second.socketAddress()));
      DnsObservation a = prober.resolve(ResolverSpec.SYSTEM, "www.example.com", 0).get(0);
      assertNull(a.failure(), a.toString());
      assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
      assertEquals(List.of("A", "AAAA"), silent.queries().stream().map(q -> q.type()).toList(),
          "each query went to the first nameserver before the second");
    }
  }

  /** Only the query the first nameserver left unanswered goes on to the next; the answer it gave stays its. */
  @Test
  void onlyTheUnansweredQueryGoesToTheNextNameserver() throws Exception {
    try (DnsTestServer first = DnsTestServer.start(); DnsTestServer second = DnsTestServer.start()) {
      first.address("www.example.com", "93.184.215.14").misbehave("www.example.com", Misbehaviour.AAAA_SILENT);
      second.address("www.example.com", "198.51.100.7", "2606:2800:21f:cb07::1");
      DnsProber prober = new DnsProber(SHORT, BogonRanges.excluding(List.of()),
          List.of(first.socketAddress(), second.socketAddress()));

      List<DnsObservation> obs = prober.resolve(ResolverSpec.SYSTEM, "www.example.com", 0);

      assertEquals(List.of(IpAddress.parse("93.184.215.14")), obs.get(0).addresses(), obs.toString());
      assertEquals(List.of(IpAddress.parse("2606:2800:21f:cb07::1")), obs.get(1).addresses(), obs.toString());
      assertEquals(List.of("AAAA"), second.queries().stream().map(q -> q.type()).toList());
    }
  }

  @Test
  void doesNotFallBackOnAnAnswerItDislikes() throws Exception {
    try (DnsTestServer first = DnsTestServer.start(); DnsTestServer second = DnsTestServer.start()) {
      first.rcode("blocked.example", org.xbill.DNS.Rcode.NXDOMAIN);
      second.address("blocked.example", "93.184.215.14");
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()),
          List.of(first.socketAddress(), second.socketAddress()));
      assertFailure(DNS_NXDOMAIN, prober.resolve(ResolverSpec.SYSTEM, "blocked.example", 0).get(0));
      assertEquals(List.of(), second.queries());
    }
  }

  @Test
  void allSystemNameserversSilentIsATimeoutNamingTheLastOne() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start()) {
      dns.misbehave("silent.example", Misbehaviour.SILENT);
      DnsProber prober = new DnsProber(SHORT, BogonRanges.excluding(List.of()), List.of(dns.socketAddress()));
      DnsObservation a = prober.resolve(ResolverSpec.SYSTEM, "silent.example", 0).get(0);
      assertFailure(TIMEOUT, a);
      assertTrue(a.failure().detail().contains(dns.socketAddress().toString()), a.failure().detail());
    }
  }

  @Test
  void noNameserverInResolvConfIsARecordedFailure() {
    DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of());
    for (DnsObservation o : prober.resolve(ResolverSpec.SYSTEM, "www.example.com", 0)) {
      assertFailure(DNS_SERVER_MISBEHAVING, o);
      assertEquals(DnsProber.NO_SYSTEM_NAMESERVER, o.failure().detail());
      assertNull(o.rcode());
    }
  }
}
