package org.censorprobe.probe.control;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A probe and a real control-server, both on loopback: what the vantage adds to a verdict. */
@Timeout(120)
class ControlVantageIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestCertificates pki = TestCertificates.create();
  @TempDir Path dir;
  private DnsTestServer dns;
  private Tasks tasks;
  private ControlServer helper;
  private TcpPeer down;
  private TlsPeer filtered;
  private TlsPeer control;

  @BeforeEach
  void start() throws Exception {
    down = TcpPeer.refusing();
    filtered = TlsPeer.filteringSni(pki.validFor("filtered.test"), Set.of("filtered.test"), Interference.STALL);
    control = TlsPeer.serving(pki.validFor("control.test"));
    dns = DnsTestServer.start().address("down.test", "127.0.0.1").address("filtered.test", "127.0.0.1")
        .address("control.test", "127.0.0.1");
    helper = helper(Set.of(down.address().getPort(), filtered.address().getPort(), control.address().getPort()));
  }

  /** A control-server with the lab's allow-list: loopback and these ports. On the open internet neither is. */
  private ControlServer helper(Set<Integer> ports) throws Exception {
    List<Cidr> allowed = List.of(Cidr.parse("127.0.0.0/8"));
    Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
    ResolverSpec resolver = new ResolverSpec(ResolverSpec.Transport.UDP, dns.udpUri());
    var steps = EndpointMeasurer.Steps.create(t, Limits.DEFAULTS, pki.trustManager(), BogonRanges.excluding(allowed),
        List.of(), LateReplies.none());
    var plan = new EndpointMeasurer.Plan(List.of(resolver), null, "neutral.test", 8, Duration.ZERO, null,
        t.endpoint());
    if (tasks != null) tasks.close();
    tasks = Tasks.create(8, EndpointMeasurer.width(plan));
    var measurer = new EndpointMeasurer(steps, plan, Clock.systemUTC());
    ControlServer server = new ControlServer(new ControlServerSettings(new InetSocketAddress("127.0.0.1", 0), null,
        null, 8, 64 * 1024, 100, 100), new ControlService(measurer, resolver, new TargetPolicy(allowed, ports, 8), tasks),
        tasks.executor());
    server.start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {helper, down, filtered, control, dns}) if (c != null) c.close();
    tasks.close();
  }

  private List<Measurement> round(String helperUrl, String endpoint) throws Exception {
    Files.writeString(dir.resolve("root.pem"), pki.rootPem());
    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: loopback-1}
        timeouts: {dns: 1s, tcp: 1s, tls: 1s, http: 2s}
        control:
          sni: neutral.test
          helpers: [ %s ]
          targets: [ tls://control.test:%d ]
        tls: {trust: [ root.pem ]}
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          target: {name: Target, endpoints: [ %s ]}
        """.formatted(helperUrl, control.address().getPort(), endpoint));
    return Rounds.run(config, List.of(dns.socketAddress()));
  }

  private static Measurement target(List<Measurement> ms) {
    return ms.stream().filter(m -> m.platform().equals("target")).findFirst().orElseThrow();
  }

  private String helperUrl() {
    return "http://127.0.0.1:" + helper.port() + "/";
  }

  @Test
  void aServerThatIsDownFromOutsideTooIsTechnical() throws Exception {
    Measurement m = target(round(helperUrl(), "tcp://down.test:" + down.address().getPort()));
    assertEquals(helperUrl(), m.observations().helper().answeredBy());
    assertEquals(Verdict.TECHNICAL, m.judgement().verdict(), m.judgement().interpretation().evidence());
    assertEquals(Method.TARGET_DOWN, m.judgement().method());
  }

  @Test
  void sniFilteringConfirmedByTheVantageIsBlockedWithHighConfidence() throws Exception {
    Measurement m = target(round(helperUrl(), "tls://filtered.test:" + filtered.address().getPort()));
    assertTrue(m.observations().helper().answered());
    assertEquals(Verdict.BLOCKED, m.judgement().verdict(), m.judgement().interpretation().evidence());
    assertEquals(Method.TLS_SNI_FILTERED, m.judgement().method());
    assertEquals("high", m.judgement().interpretation().confidence().label());
  }

  @Test
  void anUnreachableHelperIsRecordedAndLowersNothingToBlocked() throws Exception {
    Measurement m;
    try (TcpPeer helperPort = TcpPeer.refusing()) {
      m = target(round("http://" + helperPort.address().getAddress().getHostAddress() + ":"
          + helperPort.address().getPort() + "/", "tcp://down.test:" + down.address().getPort()));
    }
    assertFalse(m.observations().helper().answered());
    assertEquals(FailureType.CONNECTION_REFUSED, m.observations().helper().attempts().get(0).failure().type());
    assertNotEquals(Verdict.BLOCKED, m.judgement().verdict());
    assertTrue(m.judgement().interpretation().evidence().contains("could not be asked"),
        m.judgement().interpretation().evidence());
  }

  @Test
  void sendsAPostEndpointsRequestAsAPostFromTheVantageToo() throws Exception {
    // OONI's telegram test posts to the data centres; a server that answers a GET otherwise must not make the two
    // vantages disagree about whether the service answers.
    WireMockServer web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    web.start();
    try {
      web.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("posted")));
      web.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(405)));
      helper.close();
      helper = helper(Set.of(web.port()));
      var endpoint = org.censorprobe.format.endpoint.Endpoint.parse("POST http://127.0.0.1:" + web.port() + "/");
      var request = HelperClient.request(endpoint, List.of(org.censorprobe.format.net.IpAddress.parse("127.0.0.1")));
      assertEquals("POST", request.xHttpMethod());
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(helperUrl()))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
          .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(200, JSON.readTree(r.body()).at("/http_request/status_code").asInt(), r.body());
      assertEquals(1, web.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/")))
          .size());
      // Without the field the request is OONI's: a GET.
      var get = new org.censorprobe.format.helper.ThRequest(request.httpRequest(), java.util.Map.of(),
          request.tcpConnect(), null);
      HttpResponse<String> g = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(helperUrl()))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(get)))
          .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, JSON.readTree(g.body()).at("/http_request/status_code").asInt(), g.body());
    } finally {
      web.stop();
    }
  }

  @Test
  void answersARequestInOonisFormatInOonisFormat() throws Exception {
    WireMockServer web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    web.start();
    try {
      web.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
          .withBody("<html><title>Site</title></html>")));
      dns.address("site.test", "127.0.0.1");
      helper.close();
      helper = helper(Set.of(web.port()));
      // Verbatim the shape an OONI probe sends.
      String ooni = "{\"http_request\":\"http://site.test:" + web.port() + "/\",\"http_request_headers\":"
          + "{\"Accept\":[\"*/*\"],\"User-Agent\":[\"Mozilla/5.0\"]},\"tcp_connect\":[\"127.0.0.1:" + web.port()
          + "\"]}";
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(helperUrl()))
          .POST(HttpRequest.BodyPublishers.ofString(ooni)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonNode a = JSON.readTree(r.body());
      assertTrue(a.at("/dns/failure").isNull());
      assertEquals("127.0.0.1", a.at("/dns/addrs/0").asText());
      assertTrue(a.at("/tcp_connect/127.0.0.1:" + web.port() + "/status").asBoolean(), r.body());
      assertEquals(200, a.at("/http_request/status_code").asInt());
      assertEquals("Site", a.at("/http_request/title").asText());
      assertTrue(a.at("/http_request/body_length").asLong() > 0);
      assertEquals(3, a.at("/ip_info/127.0.0.1/flags").asInt(), "from the helper's resolver (1) and the probe (2)");
      assertTrue(a.has("tls_handshake"));
    } finally {
      web.stop();
    }
  }
}
