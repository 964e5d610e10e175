package org.censorprobe.probe.measure.dns;

import org.censorprobe.format.observe.QueryType;

import org.censorprobe.format.observe.FailureType;

import org.censorprobe.format.net.IpAddress;

import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.probe.measure.bounds.Sockets;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.dns.DnsTestServer.Misbehaviour;
import org.censorprobe.probe.testing.dns.DnsTestServer.Query;
import org.censorprobe.probe.testing.dns.DnsTestServer.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Rcode;

class DnsProberUdpTest {
  /** Generous: only reached by the cases that are meant to time out, which use SHORT. */
  static final Duration LONG = Duration.ofSeconds(10);
  static final Duration SHORT = Duration.ofMillis(400);

  DnsTestServer dns;
  ResolverSpec udp;

  @BeforeEach
  void start() throws Exception {
    dns = DnsTestServer.start();
    udp = new ResolverSpec(ResolverSpec.Transport.UDP, dns.udpUri());
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  static DnsProber prober(Duration timeout) {
    return new DnsProber(timeout, BogonRanges.excluding(List.of()), List.of());
  }

  static void assertFailure(FailureType failure, DnsObservation o) {
    assertFalse(o.ok(), o.toString());
    assertEquals(failure, o.failure().type(), o.toString());
    assertEquals(Operation.RESOLVE, o.failure().operation());
  }

  @Test
  void answersAThenAaaaWithTtlAndBogonFlags() {
    dns.address("www.example.com", 120, "93.184.215.14", "10.10.34.35", "2606:2800:21f:cb07::1", "::1");
    List<DnsObservation> obs = prober(LONG).resolve(udp, "www.example.com", 2);

    assertEquals(2, obs.size());
    DnsObservation a = obs.get(0);
    DnsObservation aaaa = obs.get(1);
    assertEquals(QueryType.A, a.queryType());
    assertEquals(QueryType.AAAA, aaaa.queryType());
    for (DnsObservation o : obs) {
      assertNull(o.failure(), o.toString());
      assertEquals("NOERROR", o.rcode());
      assertEquals(udp.label(), o.resolver());
      assertEquals("www.example.com", o.query());
      assertEquals(2, o.attempt());
      assertTrue(o.cnameChain().isEmpty());
    }
    assertEquals(List.of(
        DnsAnswer.address("www.example.com", 120, IpAddress.parse("93.184.215.14"), false),
        DnsAnswer.address("www.example.com", 120, IpAddress.parse("10.10.34.35"), true)), a.answers());
    assertEquals(List.of(
        DnsAnswer.address("www.example.com", 120, IpAddress.parse("2606:2800:21f:cb07::1"), false),
        DnsAnswer.address("www.example.com", 120, IpAddress.parse("::1"), true)), aaaa.answers());
    assertEquals(List.of(new Query("www.example.com", "A", Transport.UDP),
        new Query("www.example.com", "AAAA", Transport.UDP)), dns.queries());
  }

  @Test
  void followsTheCnameChainAndRecordsIt() {
    dns.cname("www.example.com", "www.example.com.cdn.net")
        .cname("www.example.com.cdn.net", "edge-7.cdn.net")
        .address("edge-7.cdn.net", 60, "151.101.1.1");
    DnsObservation a = prober(LONG).resolve(udp, "www.example.com", 0).get(0);

    assertNull(a.failure());
    assertEquals(List.of("www.example.com.cdn.net", "edge-7.cdn.net"), a.cnameChain());
    assertEquals(List.of(IpAddress.parse("151.101.1.1")), a.addresses());
    assertEquals(DnsAnswer.cname("www.example.com", DnsTestServer.DEFAULT_TTL, "www.example.com.cdn.net"),
        a.answers().get(0));
    assertEquals(DnsAnswer.address("edge-7.cdn.net", 60, IpAddress.parse("151.101.1.1"), false), a.answers().get(2));
    // The chain has no AAAA at its end: that is an empty answer, not an error.
    DnsObservation aaaa = prober(LONG).resolve(udp, "www.example.com", 0).get(1);
    assertFailure(DNS_NO_ANSWER, aaaa);
    assertEquals(List.of("www.example.com.cdn.net", "edge-7.cdn.net"), aaaa.cnameChain());
  }

  @Test
  void ipv4MappedAaaaIsRecordedAsSuchAndFlaggedBogon() {
    dns.address("mapped.example", "::ffff:8.8.8.8");
    DnsObservation aaaa = prober(LONG).resolve(udp, "mapped.example", 0).get(1);
    assertEquals(List.of(DnsAnswer.address("mapped.example", DnsTestServer.DEFAULT_TTL,
        IpAddress.parse("::ffff:8.8.8.8"), true)), aaaa.answers());
  }

  @Test
  void nxdomain() {
    dns.rcode("blocked.example", Rcode.NXDOMAIN);
    for (DnsObservation o : prober(LONG).resolve(udp, "blocked.example", 0)) {
      assertFailure(DNS_NXDOMAIN, o);
      assertEquals("NXDOMAIN", o.rcode());
      assertTrue(o.answers().isEmpty());
    }
  }

  @Test
  void servfail() {
    dns.rcode("broken.example", Rcode.SERVFAIL);
    DnsObservation o = prober(LONG).resolve(udp, "broken.example", 0).get(0);
    assertFailure(DNS_SERVFAIL, o);
    assertEquals("SERVFAIL", o.rcode());
  }

  @Test
  void refused() {
    dns.rcode("policy.example", Rcode.REFUSED);
    DnsObservation o = prober(LONG).resolve(udp, "policy.example", 0).get(0);
    assertFailure(DNS_REFUSED, o);
    assertEquals("REFUSED", o.rcode());
  }

  @Test
  void otherRcodeIsServerMisbehaving() {
    dns.rcode("odd.example", Rcode.NOTIMP);
    DnsObservation o = prober(LONG).resolve(udp, "odd.example", 0).get(0);
    assertFailure(DNS_SERVER_MISBEHAVING, o);
    assertEquals("NOTIMP", o.rcode());
  }

  @Test
  void emptyNoerrorIsNoAnswer() {
    dns.empty("empty.example");
    for (DnsObservation o : prober(LONG).resolve(udp, "empty.example", 0)) {
      assertFailure(DNS_NO_ANSWER, o);
      assertEquals("NOERROR", o.rcode());
    }
  }

  @Test
  void silenceIsATimeout() {
    dns.misbehave("silent.example", Misbehaviour.SILENT);
    for (DnsObservation o : prober(SHORT).resolve(udp, "silent.example", 0)) {
      assertFailure(TIMEOUT, o);
      assertNull(o.rcode());
    }
    assertEquals(2, dns.queries().size(), "the server was asked and stayed silent");
  }

  @Test
  void wrongIdIsABogusReply() {
    dns.misbehave("spoofed.example", Misbehaviour.WRONG_ID);
    assertFailure(DNS_BOGUS_REPLY, prober(SHORT).resolve(udp, "spoofed.example", 0).get(0));
  }

  @Test
  void wrongQuestionIsABogusReply() {
    dns.misbehave("spoofed.example", Misbehaviour.WRONG_QUESTION);
    assertFailure(DNS_BOGUS_REPLY, prober(SHORT).resolve(udp, "spoofed.example", 0).get(0));
  }

  @Test
  void aWrongIdReplyDoesNotWinOverTheRealOneThatFollows() {
    dns.address("raced.example", "93.184.215.14").misbehave("raced.example", Misbehaviour.WRONG_ID_THEN_ANSWER);
    DnsObservation a = prober(LONG).resolve(udp, "raced.example", 0).get(0);
    assertNull(a.failure(), a.toString());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
  }

  @Test
  void malformedReplyIsServerMisbehaving() {
    dns.misbehave("garbage.example", Misbehaviour.MALFORMED);
    assertFailure(DNS_SERVER_MISBEHAVING, prober(SHORT).resolve(udp, "garbage.example", 0).get(0));
  }

  @Test
  void truncatedUdpReplyIsAskedAgainOverTcp() {
    dns.address("big.example", "93.184.215.14").misbehave("big.example", Misbehaviour.TRUNCATE_OVER_UDP);
    DnsObservation a = prober(LONG).resolve(udp, "big.example", 0).get(0);
    assertNull(a.failure(), a.toString());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
    assertEquals(List.of(new Query("big.example", "A", Transport.UDP), new Query("big.example", "A", Transport.TCP)),
        dns.queries().stream().filter(q -> q.type().equals("A")).toList());
  }

  /**
   * The server answers A only after AAAA: a client that awaited A before asking AAAA would get no A reply. Each
   * observation is timed by its own reply, which for A trails AAAA's by {@link DnsTestServer#HELD_A_MS}.
   */
  @Test
  void aAndAaaaAreAskedTogetherAndEachIsTimedByItsOwnReply() {
    dns.address("held.example", "93.184.215.14", "2606:2800:21f:cb07::1")
        .misbehave("held.example", Misbehaviour.A_AFTER_AAAA);

    List<DnsObservation> obs = prober(Duration.ofSeconds(3)).resolve(udp, "held.example", 1);

    DnsObservation a = obs.get(0);
    DnsObservation aaaa = obs.get(1);
    assertNull(a.failure(), a.toString());
    assertNull(aaaa.failure(), aaaa.toString());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
    assertEquals(List.of(IpAddress.parse("2606:2800:21f:cb07::1")), aaaa.addresses());
    assertTrue(aaaa.durationMs() < a.durationMs(), "AAAA " + aaaa.durationMs() + " ms, A " + a.durationMs() + " ms");
  }

  /**
   * One socket per query: glibc's default of one socket for both meets equipment that returns only one of the two
   * replies (resolv.conf(5), single-request-reopen), and that loss is no fact about the name.
   */
  @Test
  void eachQueryHasItsOwnSocket() {
    dns.address("www.example.com", "93.184.215.14", "2606:2800:21f:cb07::1");

    prober(LONG).resolve(udp, "www.example.com", 1);

    List<Integer> ports = dns.udpSourcePorts();
    assertEquals(2, ports.size(), ports.toString());
    assertFalse(ports.get(0).equals(ports.get(1)), "A and AAAA from one source port " + ports);
  }

  /**
   * A flood of replies that never match is evidence, not a timeout, and the query ends while the flood goes on. (The
   * exchange reads at most {@link UdpExchange#READS_PER_WAKE_UP} datagrams per wake-up before it looks at the clock;
   * one sender on loopback does not outpace the reader, so this test does not tell that bound from none.)
   */
  @Test
  @Timeout(30)
  void aFloodOfDecoysEndsAtTheDeadlineWithTheFirstDecoysFailure() {
    dns.address("flooded.example", "93.184.215.14").misbehave("flooded.example", Misbehaviour.FLOOD_WRONG_ID);

    DnsObservation a = prober(SHORT).query(udp, "flooded.example", DnsProber.AddressType.A, 1);

    assertFailure(DNS_BOGUS_REPLY, a);
  }

  /** A query answered is not held to the other's deadline: its observation says when its own reply came. */
  @Test
  void anAnswerIsKeptWhenTheOtherQueryTimesOut() {
    dns.address("v4only.example", "93.184.215.14").misbehave("v4only.example", Misbehaviour.AAAA_SILENT);

    List<DnsObservation> obs = prober(SHORT).resolve(udp, "v4only.example", 1);

    DnsObservation a = obs.get(0);
    assertNull(a.failure(), a.toString());
    assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
    assertFailure(TIMEOUT, obs.get(1));
    assertTrue(a.durationMs() < obs.get(1).durationMs(), obs.toString());
  }

  /**
   * A pair's late replies stay with their own query, whether the background listener takes the windows (room 4) or
   * the exchange listens them out itself, both at once (no room).
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 0})
  void aLateReplyToOneQueryOfAPairIsRecordedWithItsQueryOnly(int room) {
    dns.address("injected.example", "93.184.215.14", "2606:2800:21f:cb07::1")
        .misbehave("injected.example", Misbehaviour.FORGED_THEN_ANSWER);
    Sockets sockets = new Sockets();
    try (LateReplies late = new LateReplies(LateReplies.WINDOW, room, sockets)) {
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(), null, late);

      List<DnsObservation> obs = prober.resolve(udp, "injected.example", 1);

      DnsObservation a = obs.get(0);
      DnsObservation aaaa = obs.get(1);
      assertEquals(List.of(IpAddress.parse(DnsTestServer.FORGED_ADDRESS)), a.addresses());
      assertEquals(List.of(IpAddress.parse("93.184.215.14")),
          a.lateReplies().stream().flatMap(r -> r.addresses().stream()).toList(), a.toString());
      assertEquals(List.of(IpAddress.parse("2606:2800:21f:cb07::1")), aaaa.addresses());
      assertTrue(aaaa.lateReplies().isEmpty(), aaaa.toString());
      assertEquals(0, sockets.open(), "both sockets are closed once their windows are over");
    }
  }

  @Test
  void aReplyAfterTheFirstIsRecordedAsALateReply() {
    dns.address("injected.example", "93.184.215.14").misbehave("injected.example", Misbehaviour.FORGED_THEN_ANSWER);
    Sockets sockets = new Sockets();
    try (LateReplies late = new LateReplies(LateReplies.WINDOW, 4, sockets)) {
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(), null, late);

      DnsObservation a = prober.query(udp, "injected.example", DnsProber.AddressType.A, 1);

      // The injector won the race: its answer is the observation's; the genuine one came after it.
      assertEquals(List.of(IpAddress.parse(DnsTestServer.FORGED_ADDRESS)), a.addresses());
      assertEquals(1, a.lateReplies().size(), a.toString());
      DnsReply later = a.lateReplies().get(0);
      assertEquals("NOERROR", later.rcode());
      assertEquals(List.of(IpAddress.parse("93.184.215.14")), later.addresses());
      assertTrue(later.afterFirstMs() >= 0);
      assertEquals(0, sockets.open(), "the socket is closed once its window is over");
    }
  }

  @Test
  void aSingleReplyHasNoLateReplies() {
    dns.address("plain.example", "93.184.215.14");
    try (LateReplies late = new LateReplies(LateReplies.WINDOW, 4, new Sockets())) {
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(), null, late);

      DnsObservation a = prober.query(udp, "plain.example", DnsProber.AddressType.A, 1);

      assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.addresses());
      assertTrue(a.lateReplies().isEmpty(), a.toString());
    }
  }

  @Test
  void withNoRoomInTheBackgroundTheQueryListensItself() {
    dns.address("injected.example", "93.184.215.14").misbehave("injected.example", Misbehaviour.FORGED_THEN_ANSWER);
    try (LateReplies late = new LateReplies(LateReplies.WINDOW, 0, new Sockets())) {
      DnsProber prober = new DnsProber(LONG, BogonRanges.excluding(List.of()), List.of(), null, late);

      DnsObservation a = prober.query(udp, "injected.example", DnsProber.AddressType.A, 1);

      assertEquals(List.of(IpAddress.parse("93.184.215.14")), a.lateReplies().get(0).addresses());
    }
  }

  /**
   * Replies are read into arrays lent from one pool ({@link ReceiveBuffers}): a short reply read after a long one
   * is read alone, never with the long one's tail. Run on one thread so that the second exchange gets the first's
   * array back.
   */
  @Test
  void aShortReplyAfterALongOneInTheSameArrayIsReadAlone() {
    String[] many = new String[24];
    for (int i = 0; i < many.length; i++) many[i] = "93.184.215." + (i + 1);
    dns.address("long.example", many).address("short.example", "198.51.100.7");
    DnsProber prober = prober(LONG);

    DnsObservation longReply = prober.query(udp, "long.example", DnsProber.AddressType.A, 0);
    DnsObservation shortReply = prober.query(udp, "short.example", DnsProber.AddressType.A, 0);

    assertEquals(many.length, longReply.addresses().size(), longReply.toString());
    assertEquals(List.of(IpAddress.parse("198.51.100.7")), shortReply.addresses(), shortReply.toString());
    dns.misbehave("garbage.example", Misbehaviour.MALFORMED);
    DnsObservation garbage = prober.query(udp, "garbage.example", DnsProber.AddressType.A, 0);
    assertFailure(DNS_SERVER_MISBEHAVING, garbage);
    assertTrue(garbage.failure().detail().contains("malformed reply ("), garbage.toString());
    assertFalse(garbage.failure().detail().contains("(65535 bytes)"), "parsed at the datagram's length");
  }

  @Test
  void aPoolKeepsAtMostItsBoundOfSpareArrays() {
    ReceiveBuffers pool = new ReceiveBuffers(4);
    List<byte[]> lent = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) lent.add(pool.borrow());
    for (byte[] b : lent) pool.giveBack(b);

    assertEquals(4, pool.spare());
    assertEquals(UdpExchange.MAX_REPLY_BYTES, pool.borrow().length);
    assertEquals(3, pool.spare());
  }
}
