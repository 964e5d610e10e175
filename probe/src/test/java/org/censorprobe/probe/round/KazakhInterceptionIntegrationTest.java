package org.censorprobe.probe.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.NamedCertificates;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of Kazakhstan's interception authorities, as its name is written in the sources, presented by a real TLS
 * peer on loopback and measured by the whole engine: the round calls it {@code tls.interception} and names the
 * fingerprint of that authority (probe/src/main/resources/fingerprints/censorprobe.jsonl).
 */
@Timeout(120)
class KazakhInterceptionIntegrationTest {
  private static final TestCertificates PKI = TestCertificates.create();

  /** Platform id -> the chain its server presents. */
  private static final Map<String, HandshakeCertificates> CHAINS = new LinkedHashMap<>();

  static {
    // 2019: root -> "Security Certificate" -> leaf, the root sent too.
    CHAINS.put("qaznet", NamedCertificates.kazakhInterceptionFor("qaznet.test"));
    // December 2020 drill: the root "Information Security Certification Authority CA" signs the leaf.
    CHAINS.put("isca2020", NamedCertificates.issuedByRoot("isca2020.test",
        "CN=Information Security Certification Authority CA,O=ISCA,C=KZ"));
    // The root with locality attributes that Chromium blocklists.
    CHAINS.put("nursultan", NamedCertificates.issuedByRoot("nursultan.test",
        "C=KZ,ST=Nur-Sultan,L=Nur-Sultan,O=ISCA,CN=Information Security Certification Authority"));
    // 2021-2024: a 75-day intermediate under "Information Security Certification Authority"; the root not sent,
    // so the authority is seen only as the intermediate's issuer.
    CHAINS.put("isca", NamedCertificates.issuedUnderIntermediate("isca.test",
        "C=KZ,O=ISCA,CN=Information Security Certification Authority", "C=KZ,O=ISCA,CN=ISCA intermediate (test)"));
  }

  @TempDir static Path dir;
  static DnsTestServer dns;
  static TlsPeer control;
  static final Map<String, TlsPeer> peers = new HashMap<>();
  static final Map<String, Measurement> byPlatform = new HashMap<>();

  @BeforeAll
  static void measure() throws Exception {
    dns = DnsTestServer.start();
    control = TlsPeer.serving(PKI.validFor("control.test"));
    dns.address("control.test", "127.0.0.1");
    StringBuilder platforms = new StringBuilder();
    for (Map.Entry<String, HandshakeCertificates> e : CHAINS.entrySet()) {
      TlsPeer peer = TlsPeer.serving(e.getValue());
      peers.put(e.getKey(), peer);
      dns.address(e.getKey() + ".test", "127.0.0.1");
      platforms.append("  ").append(e.getKey()).append(": {endpoints: [ tls://").append(e.getKey()).append(".test:")
          .append(peer.address().getPort()).append(" ]}\n");
    }
    Path pem = dir.resolve("root.pem");
    Files.writeString(pem, PKI.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: loopback-1}
        timeouts: {dns: 1s, tcp: 1s, tls: 2s, http: 2s}
        control:
          resolver: %s
          targets: [ tls://control.test:%d ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
        %s""".formatted(dns.udpUri(), control.address().getPort(), platforms));
    for (Measurement m : Rounds.run(config, List.of(dns.socketAddress()))) {
      if (m.platform() != null) byPlatform.put(m.platform(), m);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (TlsPeer p : peers.values()) p.close();
    if (control != null) control.close();
    if (dns != null) dns.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "qaznet, kz_qaznet_intermediate_2019",
      "isca2020, kz_isca_root_ca_2020",
      "nursultan, kz_isca_nursultan_2021",
      "isca, kz_isca_2021_2024"})
  void eachAuthorityIsInterceptionNamingItsFingerprint(String platform, String fingerprint) {
    Measurement m = byPlatform.get(platform);
    Interpretation i = m.judgement().interpretation();
    assertEquals(Verdict.BLOCKED, i.verdict(), i::toString);
    assertEquals(Method.TLS_INTERCEPTION, i.method(), i::toString);
    assertEquals(Confidence.HIGH, i.confidence(), i::toString);
    assertEquals(fingerprint, i.fact(Fact.Certificate.class).orElseThrow().fingerprint(), i::toString);
    assertTrue(i.evidence().contains(fingerprint), i.evidence());
    TlsObservation tls = ((org.censorprobe.format.observe.EndpointObservations) m.steps()).tls().get(0);
    assertTrue(tls.failure() == null, "the handshake completed: the chain was seen, not just refused");
    assertFalse(tls.chain().isEmpty(), tls::toString);
  }
}
