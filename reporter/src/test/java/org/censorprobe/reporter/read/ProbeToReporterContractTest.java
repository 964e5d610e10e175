package org.censorprobe.reporter.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.render.JsonRenderer;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;

/**
 * The contract between the probe and the reporter (a test of the reporter's readers against the real probe): records the real engine measured and judged on loopback, in
 * both places the probe puts them (the JSON lines of {@code once --json} and the SQLite store the daemon keeps),
 * are read by the reporter with nothing lost.
 */
@Timeout(120)
class ProbeToReporterContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestCertificates PKI = TestCertificates.create();

  @TempDir static Path dir;
  static WireMockServer web;
  static DnsTestServer isp;
  static DnsTestServer truth;
  static TlsPeer goodTls;
  static TlsPeer strangerTls;
  static TcpPeer refusing;
  static final List<Measurement> measured = new ArrayList<>();
  static Path jsonl;
  static Path store;

  @BeforeAll
  static void measureAWorldWithSomethingOfEverything() throws Exception {
    web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    web.start();
    web.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<title>page</title>ok")));
    goodTls = TlsPeer.serving(PKI.validFor("tls.test"));
    strangerTls = TlsPeer.serving(PKI.unknownAuthorityFor("stranger.test"));
    refusing = TcpPeer.refusing();
    int closed = refusing.address().getPort();
    isp = DnsTestServer.start();
    truth = DnsTestServer.start();
    for (DnsTestServer d : List.of(isp, truth)) {
      for (String n : List.of("control.test", "web.test", "tls.test", "stranger.test", "refused.test")) {
        d.address(n, "127.0.0.1");
      }
    }
    isp.rcode("censored.test", Rcode.NXDOMAIN);
    truth.address("censored.test", "127.0.0.1");
    Path pem = dir.resolve("root.pem");
    Files.writeString(pem, PKI.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: contract-1, country: KZ, network: Loopback Telecom, asn: 64500}
        timeouts: {dns: 1s, tcp: 1s, tls: 2s, http: 2s}
        resolvers: [ %s ]
        control:
          resolver: %s
          targets: [ "http://control.test:%d/" ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          web: {name: Web, endpoints: [ "http://web.test:%d/", "dns://web.test" ]}
          censored: {name: Censored, endpoints: [ "http://censored.test:%d/" ]}
          tls: {endpoints: [ "tls://tls.test:%d" ]}
          stranger: {endpoints: [ "tls://stranger.test:%d" ]}
          refused: {endpoints: [ "tcp://refused.test:%d" ]}
        """.formatted(truth.udpUri(), truth.udpUri(), web.port(), web.port(), web.port(),
        goodTls.address().getPort(), strangerTls.address().getPort(), closed));
    for (int round = 0; round < 2; round++) measured.addAll(Rounds.run(config, List.of(isp.socketAddress())));

    // Written as the probe writes them: `once --json` prints MeasurementCodec.toJson per line; the daemon stores.
    jsonl = dir.resolve("once.jsonl");
    Files.write(jsonl, measured.stream().map(MeasurementCodec::toJson).toList());
    store = dir.resolve("censorprobe.db");
    try (MeasurementStore s = MeasurementStore.open(store)) {
      for (String roundId : measured.stream().map(Measurement::roundId).distinct().toList()) {
        s.storeRound(measured.stream().filter(m -> m.roundId().equals(roundId)).toList());
      }
    }
  }

  @AfterAll
  static void stop() {
    if (web != null) web.stop();
    for (AutoCloseable c : new AutoCloseable[] {goodTls, strangerTls, isp, truth, refusing}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // closing test peers
      }
    }
  }

  @Test
  @DisplayName("the world measured has every role and more than one verdict, or the contract proves little")
  void theFixtureIsVaried() {
    assertEquals(EnumSet.allOf(Role.class), measured.stream().map(Measurement::role)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))));
    Set<Verdict> verdicts = measured.stream().map(m -> m.judgement().verdict()).collect(Collectors.toSet());
    assertTrue(verdicts.contains(Verdict.OK) && verdicts.contains(Verdict.BLOCKED), verdicts::toString);
  }

  @Test
  @DisplayName("every line reads back to the same record and writes back to the same JSON")
  void everyLineRoundTrips() throws Exception {
    for (String line : Files.readAllLines(jsonl)) {
      Measurement m = MeasurementCodec.read(line);
      assertEquals(JSON.readTree(line), JSON.readTree(MeasurementCodec.toJson(m)), line);
    }
  }

  private static List<MeasurementRow> rowsOfJsonLines(InputProblems problems) {
    List<MeasurementRow> rows = new ArrayList<>();
    new JsonLinesReader(problems).read(jsonl, RowFilter.ALL, rows::add);
    return rows;
  }

  private static List<MeasurementRow> rowsOfStore(InputProblems problems) {
    List<MeasurementRow> rows = new ArrayList<>();
    new StoreReader(problems).read(store, RowFilter.ALL, rows::add, () -> {
      // The store's rows read their records lazily, while the store is open.
      rows.forEach(r -> r.record().get());
    });
    return rows;
  }

  @Test
  @DisplayName("the reporter reads every record, from the lines and from the store, with its columns and record")
  void theReporterReadsEverything() {
    // As written: the codec keeps durations to 0.1 ms, so the record on disk is the reference.
    Map<String, Measurement> byId = measured.stream().map(m -> MeasurementCodec.read(MeasurementCodec.toJson(m)))
        .collect(Collectors.toMap(Measurement::id, m -> m, (a, b) -> a, TreeMap::new));
    for (var source : List.of("jsonl", "store")) {
      InputProblems problems = new InputProblems(true);
      List<MeasurementRow> rows = source.equals("jsonl") ? rowsOfJsonLines(problems) : rowsOfStore(problems);
      assertEquals(0, problems.count(), source + ": " + problems.messages());
      assertEquals(measured.size(), rows.size(), source);
      for (MeasurementRow row : rows) {
        Measurement m = row.record().get();
        assertNotNull(m, source + ": " + row);
        Measurement original = byId.get(m.id());
        // Lines are read once, so an ok line keeps only what a report uses of it (JsonLinesReader.slim); the store
        // is read again for any record a report quotes, so its rows give the whole record.
        Measurement expected = source.equals("jsonl") && row.status() == Status.OK
            ? JsonLinesReader.slim(original) : original;
        assertEquals(expected, m, source + ": the whole record, nothing lost");
        assertEquals(original.measuredAt().toEpochMilli(), row.measuredAtMs(), source);
        assertEquals(original.roundId(), row.roundId(), source);
        assertEquals(original.probe().id(), row.probe(), source);
        assertEquals(original.role(), row.role(), source);
        assertEquals(original.platform(), row.platform(), source);
        assertEquals(original.endpoint(), row.endpoint(), source);
        assertEquals(original.judgement().method(), row.method(), source);
        assertEquals(original.judgement().verdict().label(), row.status().label(),
            source);
      }
    }
  }

  @Test
  @DisplayName("one report, whichever of the two the probe's records are read from")
  void sameReportFromBothPlaces() throws Exception {
    Report fromLines = ReportBuilder.build(new MeasurementSources(null, List.of(jsonl)), RowFilter.ALL,
        DetectionSettings.DEFAULTS, new InputProblems(true));
    Report fromStore = ReportBuilder.build(new MeasurementSources(store, List.of()), RowFilter.ALL,
        DetectionSettings.DEFAULTS, new InputProblems(true));
    assertEquals(measured.size(), fromLines.input().measurements());
    assertEquals(fromLines.incidents(), fromStore.incidents());
    assertEquals(fromLines.events(), fromStore.events());
    StringWriter a = new StringWriter();
    new JsonRenderer().render(fromLines, a);
    assertTrue(a.toString().contains("censored"), "the blocked platform is in the report");
  }
}
