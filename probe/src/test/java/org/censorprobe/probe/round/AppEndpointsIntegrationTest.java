package org.censorprobe.probe.round;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.classify.Methods;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.json.MeasurementJson;
import org.censorprobe.probe.testing.Rounds;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;

/**
 * Endpoints measured as OONI's app tests measure them, through the whole engine on loopback: Telegram's data
 * centres get an HTTP POST (besides the GET of the same URL: two endpoints, two records), and Messenger's STUN
 * host is only resolved.
 */
@Timeout(60)
class AppEndpointsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static WireMockServer web;
  static DnsTestServer isp;
  static DnsTestServer truth;
  static String base;
  static Map<String, JsonNode> byEndpoint = new HashMap<>();
  static Map<String, Measurement> measurements = new HashMap<>();

  @BeforeAll
  static void measure() throws Exception {
    web = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    web.start();
    web.stubFor(post("/").willReturn(aResponse().withStatus(404).withBody("<title>dc</title>")));
    web.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("<title>web</title>")));
    web.stubFor(get("/control").willReturn(aResponse().withStatus(200).withBody("<title>control</title>")));
    base = "http://127.0.0.1:" + web.port() + "/";

    isp = DnsTestServer.start();
    truth = DnsTestServer.start();
    isp.address("stun.test", "127.0.0.1");
    truth.address("stun.test", "127.0.0.1");
    isp.rcode("censored-stun.test", Rcode.NXDOMAIN);
    truth.address("censored-stun.test", "127.0.0.1");

    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: loopback-1}
        timeouts: {dns: 1s, tcp: 1s, tls: 1s, http: 2s}
        control:
          resolver: %s
          targets: [ %scontrol ]
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          telegram:
            endpoints:
              - %s
              - { url: "%s", method: POST }
          facebook:
            endpoints: [ dns://stun.test, dns://censored-stun.test ]
        """.formatted(truth.udpUri(), base, base, base));
    for (Measurement m : Rounds.run(config, List.of(isp.socketAddress()))) {
      byEndpoint.put(m.steps().endpoint().spec(), JSON.readTree(MeasurementJson.toJson(m)));
      measurements.put(m.steps().endpoint().spec(), m);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) web.stop();
    for (AutoCloseable c : new AutoCloseable[] {isp, truth}) if (c != null) c.close();
  }

  @Test
  void aPostIsItsOwnEndpointWithAnEmptyBody() {
    JsonNode get = byEndpoint.get(base);
    JsonNode post = byEndpoint.get("POST " + base);
    assertEquals("POST " + base, post.path("endpoint").asText(), post::toPrettyString);
    assertEquals(200, get.at("/steps/http/0/status_code").asInt(), get::toPrettyString);
    assertEquals(404, post.at("/steps/http/0/status_code").asInt(), post::toPrettyString);
    assertEquals("ok", post.path("verdict").asText(), post::toPrettyString);
    web.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("Content-Length", equalTo("0")));
    web.verify(1, getRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aDnsOnlyEndpointResolvesThroughEveryResolverAndDialsNothing() {
    JsonNode stun = byEndpoint.get("dns://stun.test");
    assertEquals("ok", stun.path("verdict").asText(), stun::toPrettyString);
    JsonNode steps = stun.path("steps");
    assertEquals("system", steps.at("/dns/0/resolver").asText());
    assertEquals("127.0.0.1", steps.at("/dns/0/answers/0/data").asText(), steps::toPrettyString);
    assertEquals("127.0.0.1", steps.at("/control_dns/0/answers/0/data").asText(), steps::toPrettyString);
    assertEquals(0, steps.path("tcp").size(), steps::toPrettyString);
    assertEquals(0, steps.path("tls").size());
    assertEquals(0, steps.path("http").size());
    assertTrue(isp.queries().stream().anyMatch(q -> q.name().startsWith("stun.test")), isp.queries()::toString);
    assertTrue(truth.queries().stream().anyMatch(q -> q.name().startsWith("stun.test")), truth.queries()::toString);

    // The table and the step metrics show DNS, and no TCP step at all rather than a failed one.
    StepOutcomes s = StepOutcomes.of(measurements.get("dns://stun.test").steps());
    assertEquals(Boolean.TRUE, s.dns());
    assertNull(s.tcp());
    assertNull(s.tls());
    assertNull(s.http());
  }

  @Test
  void aDnsOnlyEndpointTheIspDeniesIsBlockedByTheDnsRule() {
    JsonNode m = byEndpoint.get("dns://censored-stun.test");
    assertEquals("blocked", m.path("verdict").asText(), m::toPrettyString);
    assertEquals(Methods.DNS_NXDOMAIN, m.path("method").asText(), m::toPrettyString);
    assertEquals(0, m.at("/steps/tcp").size());
  }
}
