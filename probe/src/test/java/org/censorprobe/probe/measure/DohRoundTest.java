package org.censorprobe.probe.measure;

import org.censorprobe.probe.measure.bounds.Sockets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.dns.DohTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A DoH resolver given by name, within one round: its name is resolved once, through the system resolver, and that
 * lookup is recorded once; the round's queries reuse its connections instead of a handshake each.
 */
@Timeout(60)
class DohRoundTest {
  @Test
  void theDohHostIsResolvedOncePerRoundAndItsConnectionsAreReused() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start(); DohTestServer doh = DohTestServer.start(dns);
         LateReplies late = new LateReplies(LateReplies.WINDOW, 8, new Sockets())) {
      dns.address(DohTestServer.HOST_NAME, "127.0.0.1");
      List<String> names = List.of("a.example", "b.example", "c.example", "d.example");
      for (String n : names) dns.address(n, "192.0.2.1");
      Timeouts t = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
          Duration.ofSeconds(5));
      var steps = new EndpointMeasurer.Steps(
          new org.censorprobe.probe.measure.dns.DnsProber(t.dns(), BogonRanges.excluding(List.of()),
              List.of(dns.socketAddress()), doh.clientTrust(), late),
          new org.censorprobe.probe.measure.tcp.TcpProber(t.tcp()), null, null, BogonRanges.excluding(List.of()));
      ResolverSpec viaDoh = new ResolverSpec(ResolverSpec.Transport.DOH, doh.uriByName());
      var plan = new EndpointMeasurer.Plan(List.of(ResolverSpec.SYSTEM, viaDoh), null, null,
          Limits.DEFAULTS.addressesPerEndpoint(), Duration.ZERO, null, t.endpoint());
      var measurer = new EndpointMeasurer(steps, plan, Clock.systemUTC());
      List<EndpointObservations> observed;
      try (Tasks tasks = Tasks.create(1, EndpointMeasurer.width(plan))) {
        observed = new Round(measurer, tasks).measure(names.stream().map(n -> Endpoint.parse("dns://" + n)).toList(),
            n -> { });
      }

      long lookups = dns.queries().stream().filter(q -> q.name().equals(DohTestServer.HOST_NAME)).count();
      assertEquals(1, lookups, "one lookup of the DoH host per round (A answered: no AAAA): " + dns.queries());
      long recorded = observed.stream().flatMap(o -> o.dns().stream())
          .filter(d -> d.query().equals(DohTestServer.HOST_NAME)).count();
      assertEquals(1, recorded, "the lookup is recorded once, in the record whose query made it");
      DnsObservation lookup = observed.stream().flatMap(o -> o.dns().stream())
          .filter(d -> d.query().equals(DohTestServer.HOST_NAME)).findFirst().orElseThrow();
      assertEquals("system", lookup.resolver());
      for (EndpointObservations o : observed) {
        DnsObservation a = o.dns().stream().filter(d -> d.resolver().equals(viaDoh.label())
            && d.query().equals(o.endpoint().host()) && d.queryType().name().equals("A")).findFirst().orElseThrow();
        assertTrue(a.ok(), a::toString);
        assertTrue(o.tcp().isEmpty() && o.http().isEmpty(), "a dns:// endpoint only resolves");
      }
      long dohQueries = dns.queries().stream().filter(q -> q.transport() == DnsTestServer.Transport.DOH).count();
      assertEquals(2L * names.size(), dohQueries);
      // A and AAAA of one endpoint may be in flight at once (HTTP/1.1: two connections); never one per query.
      assertTrue(doh.connections() <= 2, "DoH connections: " + doh.connections() + " for " + dohQueries
          + " queries");
    }
  }
}
