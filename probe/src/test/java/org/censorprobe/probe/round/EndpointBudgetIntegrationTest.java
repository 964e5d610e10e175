package org.censorprobe.probe.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's budget ({@code timeouts.endpoint}) is shorter here than any step's own deadline, so every step the
 * network stalls is cut by the budget: recorded as {@code budget_exhausted} in the operation under way, and nothing
 * is tried after it (no retry, no SNI swap) since no time is left.
 */
@Timeout(60)
class EndpointBudgetIntegrationTest {
  private static final TestCertificates PKI = TestCertificates.create();

  @TempDir static Path dir;
  static DnsTestServer dns;
  static TlsPeer stalling;
  static TlsPeer mute;
  static final Map<String, EndpointObservations> byHost = new HashMap<>();

  @BeforeAll
  static void measure() throws Exception {
    stalling = TlsPeer.interfering(Interference.STALL);
    mute = TlsPeer.serving(PKI.validFor("mute.test")); // completes the handshake, never answers a request
    dns = DnsTestServer.start().address("stall.test", "127.0.0.1").address("mute.test", "127.0.0.1");
    dns.misbehave("silent.test", DnsTestServer.Misbehaviour.SILENT);
    Files.writeString(dir.resolve("root.pem"), PKI.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: budget}
        timeouts: {dns: 60s, tcp: 60s, tls: 60s, http: 60s, endpoint: 5s}
        control: {sni: neutral.test}
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          p:
            endpoints:
              - tls://stall.test:%d
              - https://mute.test:%d/
              - tls://silent.test:443
        """.formatted(stalling.address().getPort(), mute.address().getPort()));
    for (Measurement m : Rounds.run(config, List.of(dns.socketAddress()))) {
      if (m.steps() instanceof EndpointObservations o) byHost.put(o.endpoint().host(), o);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {stalling, mute, dns}) if (c != null) c.close();
  }

  private static void assertBudget(Operation operation, Failure f) {
    assertEquals(FailureType.BUDGET_EXHAUSTED, f == null ? null : f.type(), String.valueOf(f));
    assertEquals(operation, f.operation());
  }

  @Test
  void aStalledHandshakeIsCutByTheBudgetAndNothingFollowsIt() {
    EndpointObservations o = byHost.get("stall.test");
    assertEquals(1, o.tls().size(), o::toString);
    assertBudget(Operation.TLS_HANDSHAKE, o.tls().get(0).failure());
    assertEquals(1, o.tcp().size(), "no retry once the budget is gone: " + o.tcp());
    assertTrue(o.sniSwap().isEmpty(), "no SNI swap once the budget is gone");
  }

  @Test
  void anUnansweredRequestIsCutByTheBudget() {
    EndpointObservations o = byHost.get("mute.test");
    assertTrue(o.tls().get(0).ok(), o::toString);
    assertEquals(1, o.http().size(), o::toString);
    assertBudget(Operation.HTTP_REQUEST, o.http().get(0).failure());
    assertEquals(o.tls().get(0).flow(), o.http().get(0).flow());
  }

  @Test
  void aSilentResolverIsCutByTheBudget() {
    EndpointObservations o = byHost.get("silent.test");
    List<DnsObservation> system = o.dns().stream().filter(d -> d.resolver().equals("system")).toList();
    assertEquals(2, system.size(), "A and AAAA, no retry: " + system);
    for (DnsObservation d : system) assertBudget(Operation.RESOLVE, d.failure());
    assertTrue(o.tcp().isEmpty());
  }
}
