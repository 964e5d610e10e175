package org.censorprobe.probe.round;

import static org.censorprobe.format.observe.FailureType.CONNECTION_REFUSED;
import static org.censorprobe.format.observe.FailureType.DNS_NXDOMAIN;
import static org.censorprobe.format.observe.FailureType.SSL_INVALID_CERTIFICATE;
import static org.censorprobe.format.observe.FailureType.SSL_UNKNOWN_AUTHORITY;
import static org.censorprobe.format.observe.FailureType.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.NamedCertificates;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;

/**
 * The whole engine, config file to JSON record, against real DNS, TCP and TLS peers on loopback: each platform is
 * one way a censor (or a broken server) presents itself, and the round must record it and judge it right.
 */
@Timeout(120)
class RoundIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestCertificates PKI = TestCertificates.create();

  @TempDir static Path dir;
  static DnsTestServer isp;
  static DnsTestServer truth;
  static TlsPeer valid;
  static TlsPeer sniFilter;
  static TlsPeer sniReset;
  static TlsPeer interception;
  static TlsPeer expired;
  static TlsPeer control;
  static TcpPeer refusing;
  static Map<String, JsonNode> byPlatform = new HashMap<>();

  @BeforeAll
  static void measure() throws Exception {
    valid = TlsPeer.serving(PKI.validFor("valid.test"));
    sniFilter = TlsPeer.filteringSni(PKI.validFor("filtered.test"), Set.of("filtered.test"), Interference.STALL);
    sniReset = TlsPeer.filteringSni(PKI.validFor("reset.test"), Set.of("reset.test"), Interference.RESET);
    interception = TlsPeer.serving(NamedCertificates.kazakhInterceptionFor("intercepted.test"));
    expired = TlsPeer.serving(PKI.expiredFor("expired.test"));
    control = TlsPeer.serving(PKI.validFor("control.test"));
    refusing = TcpPeer.refusing();

    // The ISP's resolver tampers; the control resolver tells the truth.
    isp = DnsTestServer.start();
    truth = DnsTestServer.start();
    for (String name : List.of("valid.test", "filtered.test", "reset.test", "intercepted.test", "expired.test",
        "control.test", "refused.test")) {
      isp.address(name, "127.0.0.1");
      truth.address(name, "127.0.0.1");
    }
    isp.rcode("censored.test", Rcode.NXDOMAIN);
    truth.address("censored.test", "127.0.0.1");
    isp.rcode("gone.test", Rcode.NXDOMAIN);
    truth.rcode("gone.test", Rcode.NXDOMAIN);
    // 0.0.0.0 is a bogon that can only ever reach this machine, should the never-dial rule regress.
    isp.address("bogon.test", "0.0.0.0");
    truth.address("bogon.test", "127.0.0.1");

    Path pem = dir.resolve("root.pem");
    Files.writeString(pem, PKI.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: loopback-1, country: KZ, network: Loopback, asn: 64512}
        timeouts: {dns: 1s, tcp: 1s, tls: 1s, http: 2s}
        control:
          resolver: %s
          sni: neutral.test
          targets: [ tls://control.test:%d ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          valid:        {name: Valid,        endpoints: [ tls://valid.test:%d ]}
          snidrop:      {name: SniDrop,      endpoints: [ tls://filtered.test:%d ]}
          snireset:     {name: SniReset,     endpoints: [ tls://reset.test:%d ]}
          intercepted:  {name: Intercepted,  endpoints: [ tls://intercepted.test:%d ]}
          expired:      {name: Expired,      endpoints: [ tls://expired.test:%d ]}
          refused:      {name: Refused,      endpoints: [ tcp://refused.test:%d ]}
          censored:     {name: Censored,     endpoints: [ tls://censored.test:%d ]}
          gone:         {name: Gone,         endpoints: [ tls://gone.test:%d ]}
          bogon:        {name: Bogon,        endpoints: [ tls://bogon.test:%d ]}
        """.formatted(truth.udpUri(), control.address().getPort(), valid.address().getPort(),
        sniFilter.address().getPort(), sniReset.address().getPort(), interception.address().getPort(),
        expired.address().getPort(), refusing.address().getPort(), valid.address().getPort(),
        valid.address().getPort(), valid.address().getPort()));

    for (Measurement m : Rounds.run(config, List.of(isp.socketAddress()))) {
      // Through the writer: the records are asserted as the reporter and outside tools will read them.
      byPlatform.put(m.platform(), JSON.readTree(MeasurementCodec.toJson(m)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {valid, sniFilter, sniReset, interception, expired, control,
        refusing, isp, truth}) {
      if (c != null) c.close();
    }
  }

  private static JsonNode m(String platform) {
    return byPlatform.get(platform);
  }

  private static void assertVerdict(String platform, String verdict, Method method) {
    JsonNode m = m(platform);
    assertEquals(verdict, m.path("verdict").asText(), m::toPrettyString);
    assertEquals(method == null ? null : method.wire(), m.path("method").isNull() ? null : m.path("method").asText(),
        m::toPrettyString);
    assertFalse(m.path("evidence").asText().isBlank());
  }

  @Test
  void aReachableEndpointIsOkWithItsChainRecorded() {
    assertVerdict("valid", "ok", null);
    JsonNode tls = m("valid").at("/steps/tls/0");
    assertEquals("valid.test", tls.path("server_name").asText());
    assertTrue(tls.path("failure").isNull());
    assertTrue(tls.path("chain").get(0).path("subject_alt_names").toString().contains("valid.test"));
    assertEquals("up", m("valid").at("/round/local_network").asText());
  }

  @Test
  void aSilentDropAfterTheClientHelloIsSniFilteringWhenTheNeutralNameGetsThrough() {
    assertVerdict("snidrop", "blocked", Method.TLS_SNI_FILTERED);
    assertEquals("high", m("snidrop").path("confidence").asText());
    JsonNode steps = m("snidrop").path("steps");
    assertEquals(2, steps.path("tls").size(), "the failed handshake is retried once and both are kept");
    assertEquals(TIMEOUT.wire(), steps.at("/tls/1/failure").asText());
    assertEquals("neutral.test", steps.at("/sni_swap/0/server_name").asText());
    assertTrue(steps.at("/sni_swap/0/failure").isNull(), steps::toPrettyString);
    assertTrue(sniFilter.serverNamesSeen().containsAll(List.of("filtered.test", "neutral.test")));
  }

  @Test
  void aResetOnThePlatformsNameIsSniFilteringToo() {
    assertVerdict("snireset", "blocked", Method.TLS_SNI_FILTERED);
  }

  @Test
  void aChainFromTheKazakhInterceptionCaIsInterception() {
    assertVerdict("intercepted", "blocked", Method.TLS_INTERCEPTION);
    JsonNode tls = m("intercepted").at("/steps/tls/0");
    assertTrue(tls.path("failure").isNull(), "the handshake completes: the certificate is seen, not just refused");
    assertEquals(SSL_UNKNOWN_AUTHORITY.wire(), tls.path("validation_failure").asText());
    assertTrue(tls.path("chain").toString().contains("CN=Qaznet Trust Network,C=KZ"), tls::toPrettyString);
  }

  @Test
  void anExpiredCertificateFromATrustedCaIsTechnical() {
    assertVerdict("expired", "technical", Method.TLS_SERVER_CERTIFICATE);
    assertEquals(SSL_INVALID_CERTIFICATE.wire(), m("expired").at("/steps/tls/0/validation_failure").asText());
  }

  @Test
  void aRefusedConnectionWithoutARemoteVantageIsInconclusive() {
    assertVerdict("refused", "inconclusive", Method.TCP_REFUSED);
    assertEquals(CONNECTION_REFUSED.wire(), m("refused").at("/steps/tcp/1/failure").asText());
  }

  @Test
  void nxdomainFromTheIspWhileTheControlResolverAnswersIsBlocking() {
    assertVerdict("censored", "blocked", Method.DNS_NXDOMAIN);
    assertEquals(DNS_NXDOMAIN.wire(), m("censored").at("/steps/dns/0/failure").asText());
    assertEquals("127.0.0.1", m("censored").at("/steps/control_dns/0/answers/0/data").asText());
  }

  @Test
  void nxdomainEverywhereIsAGoneTarget() {
    assertVerdict("gone", "technical", Method.TARGET_GONE);
  }

  @Test
  void aBogonAnswerIsTamperingAndIsNeverDialled() {
    assertVerdict("bogon", "blocked", Method.DNS_BOGON);
    JsonNode steps = m("bogon").path("steps");
    assertTrue(steps.at("/dns/0/answers/0/bogon").asBoolean());
    for (JsonNode t : steps.path("tcp")) assertNotEquals("0.0.0.0", t.path("address").asText());
  }

  @Test
  void everyRecordCarriesTheRoundAndThePlatformRollUp() {
    for (JsonNode m : byPlatform.values()) {
      assertEquals(m(("valid")).path("round_id"), m.path("round_id"));
      if (m.path("role").asText().equals("platform")) {
        assertFalse(m.path("platform_verdict").path("driven_by").isMissingNode(), m::toPrettyString);
      } else {
        assertNull(m.get("platform_verdict"));
      }
    }
  }
}
