package org.censorprobe.format.json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
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
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.format.endpoint.Endpoint;

/** Records that use every field and every fact type, for the golden files and the round-trip tests. */
final class SampleRecords {
  static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");
  static final ProbeIdentity PROBE = new ProbeIdentity("kz-almaty-1", "KZ", "Kazakhtelecom", 9198);
  static final ClassifierVersion V = new ClassifierVersion("2.0.0", LocalDate.parse("2026-12-01"));
  static final IpAddress V4 = IpAddress.parse("157.240.1.35");
  static final IpAddress V6 = IpAddress.parse("2a03:2880:f12f:83:face:b00c::25de");
  static final IpAddress BOGON = IpAddress.parse("10.10.34.36");

  private SampleRecords() {}

  static DnsObservation dns(String resolver, QueryType t, IpAddress a, Failure f) {
    return new DnsObservation(resolver, "www.facebook.com", t, 1, T, 12.3, f == null ? "NOERROR" : "NXDOMAIN",
        List.of("star-mini.c10r.facebook.com"), a == null ? List.of() : List.of(
            DnsAnswer.cname("www.facebook.com", 300, "star-mini.c10r.facebook.com"),
            DnsAnswer.address("star-mini.c10r.facebook.com", 60, a, a.equals(BOGON))), f, List.of());
  }

  static Measurement platform() {
    Endpoint e = Endpoint.parse("https://www.facebook.com/");
    DnsObservation injected = new DnsObservation("system", "www.facebook.com", QueryType.A, 1, T, 3.0, "NOERROR",
        List.of(), List.of(DnsAnswer.address("www.facebook.com", 60, BOGON, true)), null,
        List.of(new DnsReply(41.2, "NOERROR", List.of(DnsAnswer.address("www.facebook.com", 60, V4, false)))));
    CertificateInfo cert = new CertificateInfo("CN=*.facebook.com,O=Meta Platforms\\, Inc.,C=US",
        "CN=DigiCert SHA2 High Assurance Server CA,OU=www.digicert.com,O=DigiCert Inc,C=US", "0a1b", "ab".repeat(32),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
        List.of("*.facebook.com", "facebook.com"));
    EndpointObservations o = new EndpointObservations(e, T, 1234.5,
        List.of(injected, dns("system", QueryType.AAAA, V6, null),
            dns("udp://9.9.9.9:53", QueryType.A, null, new Failure(FailureType.TIMEOUT, Operation.RESOLVE, "no reply"))),
        List.of(dns("https://dns.quad9.net/dns-query", QueryType.A, V4, null)),
        List.of(new TcpObservation(V4, 443, 1, T, 20.0, null, 1),
            new TcpObservation(V6, 443, 1, T, 3000.0, Failure.of(FailureType.TIMEOUT, Operation.CONNECT), 2),
            new TcpObservation(V6, 443, 2, T, 3000.0, Failure.of(FailureType.TIMEOUT, Operation.CONNECT), 3)),
        List.of(new TlsObservation(V4, 443, "www.facebook.com", 1, T, 40.5, "TLSv1.3", "TLS_AES_128_GCM_SHA256",
            "http/1.1", List.of(cert), null, null, 1)),
        List.of(new TlsObservation(V4, 443, "example.org", 1, T, 33.3, null, null, null, List.of(),
            new Failure(FailureType.CONNECTION_RESET, Operation.TLS_HANDSHAKE, "Connection reset"), null, 4)),
        List.of(new HttpExchange("GET", "https://www.facebook.com/", V4, 1, T, 99.9, 200,
            Map.of("Content-Type", List.of("text/html"), "Set-Cookie", List.of("a=1", "b=2")), 5120, false,
            "cd".repeat(32), "Facebook", "<html><title>Facebook</title>", 45.6, 123456.7, null, 1)),
        new HelperObservation("https://th.example.net/", T, 456.7, List.of(
            new HelperObservation.Attempt("https://th.example.net/", 456.7, 200, null)),
            "{\"dns\":{\"failure\":null,\"addrs\":[\"157.240.1.35\"]},\"tcp_connect\":{\"157.240.1.35:443\":"
                + "{\"status\":true,\"failure\":null}}}"));
    List<Fact> facts = List.of(
        new Fact.Host("www.facebook.com"),
        new Fact.Answers(Map.of("system", List.of(BOGON), "https://dns.quad9.net/dns-query", List.of(V4))),
        new Fact.DnsFailures(Map.of("udp://9.9.9.9:53", FailureType.TIMEOUT)),
        new Fact.BogonAnswers("system", List.of(BOGON)),
        new Fact.BlockingAddress("system", BOGON, "kz_blockpage"),
        new Fact.DnsConsistency(Fact.Consistency.INCONSISTENT),
        new Fact.DnsInjection("system", QueryType.A, List.of(BOGON), List.of(V4)),
        new Fact.Connects(List.of(new Fact.Connect(new IpPort(V6, 443), FailureType.TIMEOUT),
            new Fact.Connect(new IpPort(V4, 443), null))),
        new Fact.Handshakes(List.of(new Fact.Handshake(new IpPort(V4, 443), "www.facebook.com", null, null))),
        new Fact.SniSwap(new IpPort(V4, 443), "example.org", true, FailureType.CONNECTION_RESET),
        new Fact.Certificate(new IpPort(V4, 443), "www.facebook.com", cert.issuer(), cert.subject(), null, null),
        new Fact.HttpResponse("https://www.facebook.com/", V4, 200, "Facebook", true, true),
        new Fact.HttpFailure("http://www.facebook.com/", V4, FailureType.CONNECTION_RESET),
        new Fact.Blockpage("kz_blocked_page_ru"),
        new Fact.Remote("https://th.example.net/", true, null, Fact.RemoteOutcome.SUCCEEDED, 200, List.of(V4)),
        new Fact.MissingEvidence(List.of(Fact.Missing.TLS_PROOF, Fact.Missing.REMOTE_VANTAGE)),
        new Fact.Retried(List.of(Fact.Step.TCP)),
        new Fact.CrossPlatform(List.of("youtube", "instagram")),
        new Fact.Throttle(List.of(Fact.SlowFigure.TRANSFER_RATE), 40.0, 35.0, 50.0, 48.0, 2000.0, 900000.0, 2, 5.0,
            2000.0),
        new Fact.Replaced(Method.TCP_TIMEOUT),
        new Fact.Then(Method.TLS_RESET),
        new Fact.CaptivePortal("http://portal.hotel/login", "Welcome", 12),
        new Fact.UnexpectedContent("http://detectportal.example/success.txt", "success", 302, null),
        new Fact.TamperedNames(List.of(new Fact.TamperedName("www.facebook.com", Method.DNS_BOGON, List.of(BOGON),
            null))),
        new Fact.Other("x_future", "{\"a\":[1,2]}"));
    Interpretation own = new Interpretation(Verdict.BLOCKED, Method.DNS_INJECTED, Confidence.HIGH,
        "The system resolver's reply to www.facebook.com came twice.", facts);
    RoundContext round = new RoundContext(3, 3, 1, 1, LocalNetwork.UP, List.of(
        new ResolverBaseline("system", ResolverRole.SYSTEM, 3, 3),
        new ResolverBaseline("udp://9.9.9.9:53", ResolverRole.EXTRA, 3, 0),
        new ResolverBaseline("https://dns.quad9.net/dns-query", ResolverRole.CONTROL, 3, 3)));
    PlatformVerdict pv = new PlatformVerdict(new Interpretation(Verdict.BLOCKED, Method.DNS_INJECTED,
        Confidence.HIGH, "Facebook is blocked (1 of 2 endpoints).", List.of()), List.of("https://www.facebook.com/"));
    Judgement old = new Judgement(new Interpretation(Verdict.BLOCKED, Method.DNS_FAILURE, Confidence.MEDIUM,
        "An older, wrong verdict.", List.of(new Fact.Other("resolver", "\"udp://9.9.9.9:53\""))), null,
        new RoundContext(3, 3, 1, 1, LocalNetwork.UP, List.of()), null, null);
    return new Measurement("6f1c0c3e-0000-4000-8000-000000000001", "round-1", T, PROBE, Role.PLATFORM, "facebook",
        "Facebook", false, e.spec(), null, null, o, new Judgement(own, pv, round, V, T.plusSeconds(5)), List.of(old));
  }

  static Measurement resolver() {
    ResolverObservations r = new ResolverObservations(List.of(
        dns("udp://9.9.9.9:53", QueryType.A, null, new Failure(FailureType.TIMEOUT, Operation.RESOLVE, null))));
    Interpretation own = new Interpretation(Verdict.INCONCLUSIVE, Method.DNS_RESOLVER_UNREACHABLE, Confidence.LOW,
        "udp://9.9.9.9:53 answered none of the 3 control names.", List.of(
        new Fact.DnsFailures(Map.of("udp://9.9.9.9:53", FailureType.TIMEOUT)),
        new Fact.MissingEvidence(List.of(Fact.Missing.SECOND_RESOLVER))));
    return new Measurement("6f1c0c3e-0000-4000-8000-000000000002", "round-1", T, PROBE, Role.RESOLVER,
        Measurement.RESOLVER_PLATFORM, "Resolver", false, "udp://9.9.9.9:53", ResolverRole.EXTRA, null, r,
        new Judgement(own, null, new RoundContext(3, 3, 1, 1, LocalNetwork.UP, List.of()), V, T), List.of());
  }

  static Measurement control() {
    Endpoint e = Endpoint.parse("POST http://[2001:db8::7]:443/");
    EndpointObservations o = new EndpointObservations(e, T, 10, List.of(), List.of(),
        List.of(new TcpObservation(IpAddress.parse("2001:db8::7"), 443, 1, T, 1.0, null, 1)), List.of(), List.of(),
        List.of(new HttpExchange("POST", "http://[2001:db8::7]:443/", IpAddress.parse("2001:db8::7"), 1, T, 5.0, 0,
            Map.of(), 0, false, null, null, null, null, null,
            new Failure(FailureType.UNKNOWN, Operation.HTTP_REQUEST, "x_new_failure: a future failure"), 1)), null);
    return new Measurement("6f1c0c3e-0000-4000-8000-000000000003", "round-1", T, PROBE, Role.CONTROL,
        Measurement.CONTROL_PLATFORM, "Control", true, e.spec(), null,
        new org.censorprobe.format.endpoint.ContentExpectation(204, "success"), o, new Judgement(new Interpretation(
        Verdict.TECHNICAL, Method.HTTP_FAILURE, Confidence.MEDIUM, "Control failed.", List.of()), null, null, V, T),
        List.of());
  }
}
