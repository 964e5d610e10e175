package org.censorprobe.format.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrubberTest {
  private static final IpAddress OWN_V4 = IpAddress.parse("192.0.2.7");
  private static final IpAddress OWN_V6 = IpAddress.parse("2001:db8::7");
  private static final IpAddress PEER = IpAddress.parse("157.240.1.35");
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final byte[] KEY = new byte[32];
  private final Scrubber scrubber = new Scrubber(Set.of(OWN_V4, OWN_V6), KEY);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Your address is 192.0.2.7.            | Your address is [scrubbed].",
      "ip=192.0.2.7&mac=x                    | ip=[scrubbed]&mac=x",
      "from 192.000.002.007:443              | from [scrubbed]:443",
      "client 2001:db8::7 and 2001:DB8:0:0:0:0:0:7 | client [scrubbed] and [scrubbed]",
      "[2001:0db8:0000::0007]:443            | [[scrubbed]]:443",
      "mapped ::ffff:192.0.2.7 or ::FFFF:C000:207 | mapped [scrubbed] or [scrubbed]",
      "q=2001%3Adb8%3A%3A7&x=1               | q=[scrubbed]&x=1",
      "<b>192.0.2.7</b>                      | <b>[scrubbed]</b>"})
  void everySpellingOfTheProbesAddressIsReplaced(String text, String scrubbed) {
    assertEquals(scrubbed, scrubber.text(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "110.0.0.101", "192.0.2.70", "1192.0.2.7", "192.0.2.7.1", "v1.192.0.2.7", "2001:db8::7:1", "2001:db8::77",
      "f2001:db8::7", "1:2001:db8::7", "version 192.0.2.8", "2001:db8::8"})
  void longerNumbersAndOtherAddressesStayAsTheyAre(String text) {
    assertEquals(text, scrubber.text(text));
    // 10.0.0.10 is not in 110.0.0.101
    Scrubber tens = new Scrubber(Set.of(IpAddress.parse("10.0.0.10")), KEY);
    assertEquals("110.0.0.101", tens.text("110.0.0.101"));
  }

  @Test
  void aUrlStaysAUrl() {
    String url = scrubber.url("http://portal.test/landing?ip=192.0.2.7&v6=2001:db8::7");
    assertEquals("http://portal.test/landing?ip=%5Bscrubbed%5D&v6=%5Bscrubbed%5D", url);
    assertEquals("portal.test", URI.create(url).getHost());
  }

  @Test
  void nothingToScrubLeavesTheRecordAsItWas() {
    Measurement m = record("198.51.100.1");
    assertEquals(MeasurementCodec.toJson(m), MeasurementCodec.toJson(scrubber.scrub(m)));
    assertEquals(m, Scrubber.none().scrub(m));
  }

  /** Every free-text field of a record, echoing the probe's address; typed peer addresses stay. */
  @Test
  void everyFreeTextFieldOfARecordIsScrubbedAndPeerAddressesStay() {
    Measurement m = record(OWN_V4.toString());
    String before = MeasurementCodec.toJson(m);
    assertTrue(scrubber.finds(before));
    Measurement s = scrubber.scrub(m);
    String after = MeasurementCodec.toJson(s);
    assertFalse(scrubber.finds(after), after);
    assertTrue(after.contains(PEER.toString()), "the peer's address is a measured fact, not the probe's");
    EndpointObservations o = s.observations();
    assertEquals("Your address is [scrubbed]", o.http().get(0).title());
    assertEquals(List.of("[scrubbed]"), o.http().get(0).headers().get("X-Client"));
    assertEquals("http://portal.test/?ip=%5Bscrubbed%5D", o.http().get(1).url());
    assertTrue(o.http().get(0).bodySha256().startsWith(Scrubber.DIGEST_PREFIX), "the digest could be reversed");
    assertEquals(o.http().get(0).bodySha256(), scrubber.scrub(m).observations().http().get(0).bodySha256(),
        "equal bodies keep equal digests under one key");
    byte[] other = Arrays.copyOf(KEY, 32);
    other[0] = 1;
    assertNotEquals(o.http().get(0).bodySha256(),
        new Scrubber(Set.of(OWN_V4), other).scrub(m).observations().http().get(0).bodySha256());
    assertEquals("ab".repeat(32), o.http().get(1).bodySha256(), "a body without the address keeps its digest");
    assertTrue(s.judgement().interpretation().evidence().contains("Your address is [scrubbed]"));
    assertEquals(PEER, o.tcp().get(0).address());
    assertEquals(MeasurementCodec.toJson(s), MeasurementCodec.toJson(scrubber.scrub(s)), "scrubbing is idempotent");
  }

  @Test
  void everyKindOfFactIsEitherScrubbedOrHoldsNoText() {
    Set<Class<?>> kinds = new HashSet<>(Arrays.asList(Fact.class.getPermittedSubclasses()));
    Set<Class<?>> handled = new HashSet<>();
    for (Fact f : List.of(new Fact.Host("h"), new Fact.Handshakes(List.of()),
        new Fact.SniSwap(new IpPort(PEER, 443), "n", true, null),
        new Fact.Certificate(new IpPort(PEER, 443), "n", "i", "s", null, null),
        new Fact.HttpResponse("u", PEER, 200, "t", false, false), new Fact.HttpFailure("u", PEER, FailureType.EOF),
        new Fact.Remote("h", false, "r", Fact.RemoteOutcome.NOT_MEASURED, null, List.of()),
        new Fact.CaptivePortal("u", "t", 2), new Fact.UnexpectedContent("u", "e", 200, "t"),
        new Fact.TamperedNames(List.of()), new Fact.Other("k", "{}"))) {
      handled.add(f.getClass());
    }
    Set<Class<?>> decided = new HashSet<>(handled);
    decided.addAll(Scrubber.TEXTLESS_FACTS);
    assertEquals(kinds, decided, "a new kind of fact must be given to the scrubber, or listed as holding no text");
    for (Class<?> c : handled) assertFalse(Scrubber.TEXTLESS_FACTS.contains(c), c.getName());
  }

  private static Measurement record(String echoed) {
    Endpoint e = Endpoint.parse("http://www.example.org/");
    Failure failure = new Failure(FailureType.CONNECTION_RESET, Operation.HTTP_BODY, "reset by " + echoed);
    DnsObservation dns = new DnsObservation("system", "www.example.org", QueryType.A, 1, T, 3.0, "NOERROR",
        List.of(echoed + ".nip.test"), List.of(DnsAnswer.cname("www.example.org", 60, echoed + ".nip.test"),
        DnsAnswer.address(echoed + ".nip.test", 60, PEER, false)), null,
        List.of(new DnsReply(4.0, "NOERROR", List.of(DnsAnswer.cname("x", 1, "y-" + echoed)))));
    CertificateInfo cert = new CertificateInfo("CN=" + echoed, "CN=Portal CA for " + echoed, "01", "00".repeat(32),
        T, T, List.of("IP:" + echoed));
    TlsObservation tls = new TlsObservation(PEER, 443, "www.example.org", 1, T, 1.0, "TLSv1.3", "TLS_AES_128_GCM_SHA256",
        null, List.of(cert), null, new Failure(FailureType.SSL_UNKNOWN_AUTHORITY, Operation.TLS_VALIDATION,
        "no path to " + echoed), 2);
    HttpExchange first = new HttpExchange("GET", "http://www.example.org/", PEER, 1, T, 5.0, 200,
        Map.of("X-Client", List.of(echoed), "Location", List.of("http://portal.test/?ip=" + echoed)), 100, false,
        "ef".repeat(32), "Your address is " + echoed, "<title>Your address is " + echoed + "</title>", 1.0, 2.0,
        null, 1);
    HttpExchange second = new HttpExchange("GET", "http://portal.test/?ip=" + echoed, PEER, 1, T, 5.0, 0, Map.of(),
        0, false, "ab".repeat(32), null, null, null, null, failure, 3);
    HelperObservation helper = new HelperObservation("https://th.test/", T, 1.0, List.of(
        new HelperObservation.Attempt("https://th.test/", 1.0, 200, null)),
        "{\"http_request\":{\"title\":\"seen from " + echoed + "\"},\"tcp_connect\":{\"" + PEER + ":80\":{}},"
            + "\"x_client_address\":\"" + echoed + "\"}");
    EndpointObservations o = new EndpointObservations(e, T, 10.0, List.of(dns), List.of(),
        List.of(new TcpObservation(PEER, 80, 1, T, 1.0, failure, 1)), List.of(tls), List.of(),
        List.of(first, second), helper);
    List<Fact> facts = List.of(new Fact.HttpResponse(first.url(), PEER, 200, first.title(), false, false),
        new Fact.CaptivePortal(second.url(), first.title(), 2),
        new Fact.Certificate(new IpPort(PEER, 443), "www.example.org", cert.issuer(), cert.subject(), null, null),
        new Fact.Other("x_future", "{\"seen\":\"" + echoed + "\"}"));
    Interpretation i = new Interpretation(Verdict.TECHNICAL, Method.CONTROL_UNEXPECTED_CONTENT, Confidence.MEDIUM,
        "Technical: www.example.org answered (title 'Your address is " + echoed + "').", facts);
    Judgement j = new Judgement(i, new PlatformVerdict(i, List.of(e.spec())), null,
        new ClassifierVersion("2.0.0", null), T);
    Judgement old = new Judgement(new Interpretation(Verdict.BLOCKED, null, Confidence.LOW, "old " + echoed,
        List.of()), null, null, null, null);
    return new Measurement("id-1", "round-1", T, new ProbeIdentity("p", "KZ", "Net", 1), Role.PLATFORM, "example",
        "Example", false, e.spec(), null, null, o, j, List.of(old));
  }
}
