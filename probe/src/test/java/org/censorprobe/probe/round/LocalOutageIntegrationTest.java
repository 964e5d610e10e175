package org.censorprobe.probe.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst bug this project can have is a false "blocked". When every control fails, the probe's own network
 * cannot be ruled out, so a round in which SNI filtering would otherwise be proven says inconclusive; and since
 * the platform's server answered (the SNI swap got through), the uplink is not called down either.
 */
@Timeout(60)
class LocalOutageIntegrationTest {
  @TempDir Path dir;

  @Test
  void noEndpointIsBlockedWhenEveryControlFails() throws Exception {
    TestCertificates pki = TestCertificates.create();
    try (TlsPeer filtered = TlsPeer.filteringSni(pki.validFor("filtered.test"), Set.of("filtered.test"),
             Interference.STALL);
         TcpPeer deadControl = TcpPeer.refusing();
         TcpPeer deadDomestic = TcpPeer.refusing();
         DnsTestServer dns = DnsTestServer.start().address("filtered.test", "127.0.0.1")) {
      Files.writeString(dir.resolve("root.pem"), pki.rootPem());
      Path config = dir.resolve("targets.yaml");
      Files.writeString(config, """
          probe: {id: loopback-1}
          timeouts: {dns: 1s, tcp: 1s, tls: 1s, http: 1s}
          control:
            sni: neutral.test
            targets: [ tcp://127.0.0.1:%d, {url: "tcp://127.0.0.1:%d", domestic: true} ]
          tls: {trust: [ root.pem ]}
          dns: {not_bogons: [ 127.0.0.0/8 ]}
          platforms:
            facebook: {name: Facebook, endpoints: [ tls://filtered.test:%d ]}
          """.formatted(deadControl.address().getPort(), deadDomestic.address().getPort(),
          filtered.address().getPort()));
      List<Measurement> ms = Rounds.run(config, List.of(dns.socketAddress()));
      Measurement facebook = ms.stream().filter(m -> m.platform().equals("facebook")).findFirst().orElseThrow();
      // The SNI swap did get through: on its own this endpoint would read tls.sni_filtered.
      assertEquals(1, facebook.observations().sniSwap().size());
      assertEquals(null, facebook.observations().sniSwap().get(0).failure());
      assertEquals(Verdict.INCONCLUSIVE, facebook.judgement().verdict());
      assertEquals(Method.TLS_SNI_FILTERED, facebook.judgement().method());
      for (Measurement m : ms) {
        assertNotEquals(Verdict.BLOCKED, m.judgement().verdict(), m.endpoint());
        assertNotEquals(Method.NETWORK_DOWN, m.judgement().method(), "something answered: the uplink is up");
      }
      assertEquals(LocalNetwork.DEGRADED, facebook.judgement().round().localNetwork());
      assertEquals(Verdict.INCONCLUSIVE, facebook.judgement().platform().interpretation().verdict());
    }
  }
}
