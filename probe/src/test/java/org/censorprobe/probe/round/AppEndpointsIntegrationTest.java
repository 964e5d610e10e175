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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.record.Measurement;
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

  @TempDir static Path dir;
  static WireMockServer web;
  static DnsTestServer isp;
  static DnsTestServer truth;
  static String base;
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
    // The control goes by name, as every shipped control does: the ISP resolver answering it is what makes its
    // NXDOMAIN for another name a lie rather than a broken resolver.
    isp.address("control.test", "127.0.0.1");
    truth.address("control.test", "127.0.0.1");
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
          targets: [ "http://control.test:%d/control" ]
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          telegram:
            endpoints:
              - %s
              - { url: "%s", method: POST }
          facebook:
            endpoints: [ dns://stun.test, dns://censored-stun.test ]
        """.formatted(truth.udpUri(), web.port(), base, base));
    for (Measurement m : Rounds.run(config, List.of(isp.socketAddress()))) {
      if (m.role() == org.censorprobe.format.record.Role.PLATFORM) measurements.put(m.endpoint(), m);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) web.stop();
    for (AutoCloseable c : new AutoCloseable[] {isp, truth}) if (c != null) c.close();
  }

  private static EndpointObservations steps(String spec) {
    return (EndpointObservations) measurements.get(spec).steps();
  }

  @Test
  void aPostIsItsOwnEndpointWithAnEmptyBody() {
    Measurement get = measurements.get(base);
    Measurement post = measurements.get("POST " + base);
    assertEquals("POST " + base, post.endpoint(), post::toString);
    assertEquals(200, steps(base).http().get(0).statusCode(), get::toString);
    assertEquals(404, steps("POST " + base).http().get(0).statusCode(), post::toString);
    assertEquals("POST", steps("POST " + base).http().get(0).method(), "the exchange records the method it sent");
    assertEquals(Verdict.OK, post.judgement().verdict(), post.judgement()::toString);
    web.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("Content-Length", equalTo("0")));
    web.verify(1, getRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aDnsOnlyEndpointResolvesThroughEveryResolverAndDialsNothing() {
    Measurement stun = measurements.get("dns://stun.test");
    assertEquals(Verdict.OK, stun.judgement().verdict(), stun.judgement()::toString);
    EndpointObservations steps = steps("dns://stun.test");
    assertEquals("system", steps.dns().get(0).resolver());
    assertEquals("127.0.0.1", steps.dns().get(0).answers().get(0).address().toString(), steps::toString);
    assertEquals("127.0.0.1", steps.controlDns().get(0).answers().get(0).address().toString(), steps::toString);
    assertEquals(List.of(), steps.tcp(), steps::toString);
    assertEquals(List.of(), steps.tls());
    assertEquals(List.of(), steps.http());
    assertTrue(isp.queries().stream().anyMatch(q -> q.name().startsWith("stun.test")), isp.queries()::toString);
    assertTrue(truth.queries().stream().anyMatch(q -> q.name().startsWith("stun.test")), truth.queries()::toString);

    // The table and the step metrics show DNS, and no TCP step at all rather than a failed one.
    StepOutcomes s = StepOutcomes.of(steps);
    assertEquals(Boolean.TRUE, s.dns());
    assertNull(s.tcp());
    assertNull(s.tls());
    assertNull(s.http());
  }

  @Test
  void aDnsOnlyEndpointTheIspDeniesIsBlockedByTheDnsRule() {
    Measurement m = measurements.get("dns://censored-stun.test");
    assertEquals(Verdict.BLOCKED, m.judgement().verdict(), m.judgement()::toString);
    assertEquals(Method.DNS_NXDOMAIN, m.judgement().method(), m.judgement()::toString);
    assertEquals(List.of(), steps("dns://censored-stun.test").tcp());
  }
}
