package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe's side of the control protocol: order, hedging, and what is recorded, against real HTTP servers. */
@Timeout(60)
class HelperClientTest {
  private static final String ANSWER = "{\"dns\":{\"failure\":null,\"addrs\":[\"192.0.2.1\"]},\"tcp_connect\":{}}";
  private static final ThRequest REQUEST =
      new ThRequest("https://www.facebook.com/", Map.of(), List.of("192.0.2.1:443"), null);

  private final List<WireMockServer> servers = new ArrayList<>();
  private final List<TcpPeer> refusing = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(WireMockServer::stop);
    refusing.forEach(TcpPeer::close);
  }

  private URI helper(int status, String body, int delayMs) {
    WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    s.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(status).withBody(body)
        .withFixedDelay(delayMs)));
    servers.add(s);
    return URI.create("http://127.0.0.1:" + s.port() + "/");
  }

  /** A port that refuses connects, held for the test (a port bound and released could be reused meanwhile). */
  private URI closedPort() {
    TcpPeer p = TcpPeer.refusing();
    refusing.add(p);
    return URI.create("http://" + p.address().getAddress().getHostAddress() + ":" + p.address().getPort() + "/");
  }

  private HelperObservation ask(Duration hedgeAfter, Duration deadline, HelperClient.Helper... helpers) {
    return new HelperClient(List.of(helpers), new OkHttpClient(), hedgeAfter, deadline, Clock.systemUTC())
        .ask(REQUEST);
  }

  private static HelperClient.Helper h(URI url) {
    return new HelperClient.Helper(url, null);
  }

  @Test
  void keepsTheFirstHelpersAnswer() {
    URI first = helper(200, ANSWER, 0);
    HelperObservation o = ask(Duration.ofSeconds(10), Duration.ofSeconds(20), h(first), h(helper(200, "{}", 0)));
    assertEquals(first.toString(), o.answeredBy());
    assertEquals(ANSWER, o.responseJson());
    assertEquals(1, o.attempts().size(), "the second helper is not asked when the first answers in time");
  }

  @Test
  void sendsTheRequestInOonisShapeWithTheToken() {
    URI first = helper(200, ANSWER, 0);
    new HelperClient(List.of(new HelperClient.Helper(first, "t0ken")), new OkHttpClient(), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Clock.systemUTC()).ask(REQUEST);
    servers.get(0).verify(postRequestedFor(urlEqualTo("/"))
        .withHeader("Authorization", equalTo("Bearer t0ken"))
        .withRequestBody(equalTo("{\"http_request\":\"https://www.facebook.com/\",\"http_request_headers\":{},"
            + "\"tcp_connect\":[\"192.0.2.1:443\"]}")));
  }

  @Test
  void movesOnAtOnceWhenAHelperIsUnreachable() throws Exception {
    URI dead = closedPort();
    URI second = helper(200, ANSWER, 0);
    // The hedge delay is long: only the outright failure can explain asking the second helper.
    HelperObservation o = ask(Duration.ofSeconds(30), Duration.ofSeconds(40), h(dead), h(second));
    assertEquals(second.toString(), o.answeredBy());
    assertEquals(2, o.attempts().size());
    assertEquals(FailureType.CONNECTION_REFUSED, o.attempts().get(0).failure().type());
    assertNull(o.attempts().get(1).failure());
  }

  @Test
  void aHelperThatMeasuresLongerThanTheClientsReadTimeoutIsWaitedForUntilTheDeadline() {
    // A helper answers once it has measured the target itself: a target down from abroad too (SYNs dropped) takes
    // its TCP deadline, 10 s by default, exactly okhttp's default read timeout. The client given here reads with a
    // 200 ms timeout and the helper answers after 1 s: only the deadline may cut the wait.
    URI slow = helper(200, ANSWER, 1000);
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
    HelperObservation o = new HelperClient(List.of(h(slow)), impatient, Duration.ofSeconds(30), Duration.ofSeconds(30),
        Clock.systemUTC()).ask(REQUEST);
    assertEquals(slow.toString(), o.answeredBy(), () -> String.valueOf(o.attempts()));
    assertEquals(ANSWER, o.responseJson());
  }

  @Test
  void hedgesToTheNextHelperWhenTheFirstIsSlow() {
    URI slow = helper(200, ANSWER, 20_000);
    URI fast = helper(200, "{\"dns\":{}}", 0);
    HelperObservation o = ask(Duration.ofMillis(200), Duration.ofSeconds(40), h(slow), h(fast));
    assertEquals(fast.toString(), o.answeredBy());
    assertEquals("{\"dns\":{}}", o.responseJson());
    servers.get(0).verify(postRequestedFor(urlEqualTo("/"))); // the slow one was asked first, and kept running
  }

  @Test
  void recordsEveryHelperWhenNoneAnswers() throws Exception {
    URI refusing = helper(503, "{\"error\":\"overloaded\"}", 0);
    URI dead = closedPort();
    HelperObservation o = ask(Duration.ofSeconds(5), Duration.ofSeconds(20), h(refusing), h(dead));
    assertFalse(o.answered());
    assertNull(o.responseJson());
    assertEquals(2, o.attempts().size());
    assertEquals(FailureType.HELPER_REFUSED, o.attempts().get(0).failure().type());
    assertEquals(503, o.attempts().get(0).httpStatus());
    assertEquals(FailureType.CONNECTION_REFUSED, o.attempts().get(1).failure().type());
  }

  @Test
  void recordsATimeoutForAHelperThatNeverAnswers() {
    URI silent = helper(200, ANSWER, 30_000);
    HelperObservation o = ask(Duration.ofSeconds(5), Duration.ofMillis(500), h(silent));
    assertFalse(o.answered());
    assertEquals(FailureType.TIMEOUT, o.attempts().get(0).failure().type());
  }

  @Test
  void refusesAnAnswerThatIsNotJson() {
    HelperObservation o = ask(Duration.ofSeconds(5), Duration.ofSeconds(10), h(helper(200, "<html>", 0)));
    assertFalse(o.answered());
    assertEquals(FailureType.HELPER_BAD_ANSWER, o.attempts().get(0).failure().type());
  }

  @Test
  void refusesAnOversizedAnswer() {
    String huge = "{\"x\":\"" + "a".repeat(HelperClient.MAX_RESPONSE_BYTES) + "\"}";
    HelperObservation o = ask(Duration.ofSeconds(5), Duration.ofSeconds(10), h(helper(200, huge, 0)));
    assertFalse(o.answered());
    assertEquals(FailureType.HTTP_BODY_TOO_LARGE, o.attempts().get(0).failure().type());
  }
}
