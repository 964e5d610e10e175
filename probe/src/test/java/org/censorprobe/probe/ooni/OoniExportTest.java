package org.censorprobe.probe.ooni;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.cli.Main;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.NamedCertificates;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.xbill.DNS.Rcode;

/**
 * {@code probe export --format ooni} over real stores, every line checked against ooni/spec's required keys and
 * types (ooni/ooni-spec-keys.json): a round measured by the real engine against loopback peers (every kind of
 * endpoint, a control, three resolvers), and the store the first probe wrote (store/v1-loopback.db).
 */
@Timeout(120)
class OoniExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "changeit";
  private static final OoniSpec SPEC = OoniSpec.load();

  @TempDir static Path dir;
  static WireMockServer web;
  static TlsPeer intercepted;
  static TcpPeer refused;
  static DnsTestServer isp;
  static DnsTestServer truth;
  static DnsTestServer extra;
  static Path engineStore;
  static List<Measurement> measured;

  @BeforeAll
  static void measureAndStore() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("ooni test root").build();
    HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("web.test").signedBy(root).build();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", leaf.keyPair().getPrivate(), PASSWORD.toCharArray(),
        new Certificate[] {leaf.certificate(), root.certificate()});
    Path keystore = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .dynamicHttpsPort().keystorePath(keystore.toString()).keystorePassword(PASSWORD)
        .keyManagerPassword(PASSWORD).keystoreType("PKCS12"));
    web.start();
    web.stubFor(get("/").willReturn(aResponse().withStatus(302).withHeader("Location", "/final")));
    web.stubFor(get("/final").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><title>Web</title>a page</html>")));
    web.stubFor(get("/control").willReturn(aResponse().withStatus(200).withBody("<title>control</title>")));
    intercepted = TlsPeer.serving(NamedCertificates.kazakhInterceptionFor("intercepted.test"));
    refused = TcpPeer.refusing();

    isp = DnsTestServer.start();
    truth = DnsTestServer.start();
    extra = DnsTestServer.start();
    for (DnsTestServer d : List.of(isp, truth, extra)) {
      for (String name : List.of("web.test", "intercepted.test", "refused.test", "control.test")) {
        d.address(name, "127.0.0.1");
      }
      d.address("control.test", "::1");
    }
    isp.rcode("censored.test", Rcode.NXDOMAIN);
    truth.address("censored.test", "127.0.0.1");
    extra.address("censored.test", "127.0.0.1");

    Files.writeString(dir.resolve("root.pem"), root.certificatePem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: ooni-1, country: KZ, network: Loopback Telecom, asn: 64500}
        timeouts: {dns: 2s, tcp: 2s, tls: 5s, http: 5s}
        resolvers: [ %s ]
        control:
          resolver: %s
          sni: neutral.test
          targets: [ "http://control.test:%d/control" ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8, "::1/128" ]}
        platforms:
          web:         {name: Web, endpoints: [ "https://web.test:%d/", "http://web.test:%d/" ]}
          intercepted: {name: Intercepted, endpoints: [ "tls://intercepted.test:%d" ]}
          refused:     {name: Refused, endpoints: [ "tcp://refused.test:%d" ]}
          censored:    {name: Censored, endpoints: [ "dns://censored.test" ]}
        """.formatted(extra.udpUri(), truth.udpUri(), web.port(), web.httpsPort(), web.port(),
        intercepted.address().getPort(), refused.address().getPort()));
    measured = Rounds.run(config, List.of(isp.socketAddress()));
    engineStore = dir.resolve("engine.db");
    try (MeasurementStore store = MeasurementStore.open(engineStore)) {
      store.storeRound(measured);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) web.stop();
    for (AutoCloseable c : new AutoCloseable[] {intercepted, refused, isp, truth, extra}) if (c != null) c.close();
  }

  private static List<String> export(Path store, String... more) throws Exception {
    Path out = Files.createTempFile(dir, "export", ".jsonl");
    List<String> args = new ArrayList<>(List.of("export", "--store", store.toString(), "--format", "ooni", "--from",
        "2000-01-01", "--out", out.toString()));
    args.addAll(List.of(more));
    assertEquals(0, Main.commandLine().execute(args.toArray(String[]::new)));
    return Files.readAllLines(out);
  }

  private static void assertFollowsTheSpec(List<String> lines) {
    for (String line : lines) {
      List<String> problems = SPEC.problems(line);
      assertTrue(problems.isEmpty(), () -> "against " + SPEC.source() + ":\n" + String.join("\n", problems)
          + "\nin " + line);
    }
  }

  @Test
  void everyLineExportedFromARoundOfTheRealEngineFollowsTheSpec() throws Exception {
    List<String> lines = export(engineStore);
    assertEquals(measured.size(), lines.size());
    assertFollowsTheSpec(lines);

    Set<String> testNames = new HashSet<>();
    Set<String> reportIds = new HashSet<>();
    for (String line : lines) {
      JsonNode m = JSON.readTree(line);
      testNames.add(m.path("test_name").asText());
      reportIds.add(m.path("report_id").asText());
      assertEquals("127.0.0.1", m.path("probe_ip").asText(), "never the probe's own address");
      assertTrue(m.path("test_keys").has("x_censorprobe_verdict"), line);
    }
    assertEquals(Set.of("censorprobe_web", "censorprobe_tls", "censorprobe_tcp", "censorprobe_dns",
        "censorprobe_control", "censorprobe_resolver"), testNames);
    assertEquals(1, reportIds.size(), "one report per round: " + reportIds);
    assertTrue(reportIds.iterator().next().matches("\\d{8}T\\d{6}Z_censorprobe_KZ_64500_[0-9A-Za-z]{16}"),
        reportIds::toString);
    assertEquals(lines, export(engineStore), "exporting again gives the same lines");
  }

  @Test
  void theStepsAreInOonisShapes() throws Exception {
    JsonNode https = null;
    JsonNode tls = null;
    for (String line : export(engineStore)) {
      JsonNode m = JSON.readTree(line);
      if (m.path("input").asText().startsWith("https://web.test")) https = m;
      if (m.path("test_name").asText().equals("censorprobe_tls")) tls = m;
    }
    JsonNode requests = https.at("/test_keys/requests");
    assertEquals(2, requests.size(), https::toPrettyString);
    assertEquals(200, requests.get(0).at("/response/code").asInt(), "the final response first, as OONI lists them");
    assertEquals(302, requests.get(1).at("/response/code").asInt());
    assertEquals("Web", requests.get(0).path("x_title").asText());
    assertTrue(https.at("/test_keys/queries").size() >= 2, "system and extra resolvers, and the control resolver");
    assertEquals("ssl_unknown_authority", tls.at("/test_keys/tls_handshakes/0/failure").asText(),
        tls::toPrettyString);
    assertTrue(tls.at("/test_keys/tls_handshakes/0/x_handshake_failure").isNull(), "the handshake itself worked");
    assertTrue(tls.at("/test_keys/tls_handshakes/0/x_chain").toString().contains("Qaznet Trust Network"));
    assertFalse(tls.at("/test_keys/tls_handshakes/0").has("peer_certificates"),
        "no DER is recorded: none is invented");
    assertEquals("blocked", tls.at("/test_keys/x_censorprobe_verdict").asText(), tls::toPrettyString);
  }

  @Test
  void everyLineExportedFromTheFirstProbesStoreFollowsTheSpec() throws Exception {
    Path v1 = dir.resolve("v1.db");
    try (InputStream in = getClass().getResourceAsStream("/store/v1-loopback.db")) {
      Files.copy(in, v1);
    }
    List<String> lines = export(v1);
    assertEquals(4, lines.size());
    assertFollowsTheSpec(lines);
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("AS64500", first.path("probe_asn").asText());
    assertEquals("KZ", first.path("probe_cc").asText());
    assertEquals("2026-12-01 15:21:11", first.path("test_start_time").asText());
  }

  @Test
  void aRecordThisVersionCannotReadIsNamedAndTheOthersAreStillWritten() throws Exception {
    Path v1 = dir.resolve("v1-damaged.db");
    try (InputStream in = getClass().getResourceAsStream("/store/v1-loopback.db")) {
      Files.copy(in, v1);
    }
    String id;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + v1); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id FROM measurements ORDER BY rowid LIMIT 1")) {
        r.next();
        id = r.getString(1);
      }
      s.executeUpdate("UPDATE measurements SET record = '{\"schema\": 99, \"id\": \"" + id + "\"}' WHERE id = '"
          + id + "'");
    }
    Path out = dir.resolve("damaged.jsonl");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(Main.EXIT_FAILURE, cmd.execute("export", "--store", v1.toString(), "--format", "ooni", "--from",
        "2000-01-01", "--out", out.toString()));
    assertEquals(3, Files.readAllLines(out).size(), "every readable record is written");
    assertTrue(err.toString().contains("measurement " + id + " left out: "), err::toString);
    assertTrue(err.toString().contains("newer than this version reads"), err::toString);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertEquals(Main.EXIT_USAGE, Main.commandLine().execute("export", "--store", engineStore.toString(),
        "--format", "yaml"));
  }
}
