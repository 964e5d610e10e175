package org.censorprobe.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ControlConfig;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.config.Timeouts;

/**
 * Observations shaped like the bench network's (bench/run): an HTTPS endpoint measured through the system
 * resolver (A and AAAA), one connect, one TLS 1.3 handshake with a two-certificate chain, one HTTP exchange with
 * a small HTML page. A share of endpoints can fail at DNS or TLS so the classifier's failure paths run too.
 */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-21T23:00:00Z");
  static final int ENDPOINTS_PER_PLATFORM = 100;
  private static final String PAGE = "<!doctype html><html><head><title>censorprobe bench</title></head><body>"
      + "<p>bench page line: lorem ipsum dolor sit amet consectetur</p>".repeat(30) + "</body></html>";

  private Fixtures() {}

  static ProbeConfig config(int endpoints, int controls) {
    List<Platform> platforms = new ArrayList<>();
    for (int i = 0; i < endpoints; i += ENDPOINTS_PER_PLATFORM) {
      List<Endpoint> eps = new ArrayList<>();
      for (int k = i + 1; k <= Math.min(endpoints, i + ENDPOINTS_PER_PLATFORM); k++) {
        eps.add(Endpoint.parse("https://host" + k + ".bench/"));
      }
      String id = String.format("p%03d", i / ENDPOINTS_PER_PLATFORM);
      platforms.add(new Platform(id, id, ScheduleSpec.DEFAULT, eps));
    }
    List<ControlTarget> targets = new ArrayList<>();
    for (int c = 1; c <= controls; c++) {
      targets.add(new ControlTarget(Endpoint.parse("https://control" + c + ".bench/"), false, null));
    }
    return new ProbeConfig(null, new ProbeIdentity("bench", "KZ", "bench", 0), Timeouts.DEFAULTS,
        ScheduleSpec.DEFAULT, List.of(), new ControlConfig(null, null, List.of(), targets), List.of(), List.of(),
        Limits.DEFAULTS, ClassifierSettings.DEFAULTS, "data/bench.db", platforms);
  }

  /** A round's records over {@code config}: every {@code failEvery}-th platform endpoint fails (0: none do). */
  static RoundRecords round(ProbeConfig config, int failEvery) {
    String roundId = "bench-round";
    List<Measurement> ps = new ArrayList<>();
    int k = 0;
    for (Platform p : config.platforms()) {
      for (Endpoint e : p.endpoints()) {
        k++;
        boolean fail = failEvery > 0 && k % failEvery == 0;
        EndpointObservations o = fail ? (k / failEvery % 2 == 0 ? dnsNxdomain(e) : tlsReset(e, k)) : https(e, k);
        ps.add(new Measurement(UUID.randomUUID().toString(), roundId, T0, config.probe(), Role.PLATFORM, p.id(),
            p.name(), false, e.spec(), null, null, o, null, List.of()));
      }
    }
    List<Measurement> cs = new ArrayList<>();
    int c = 0;
    for (ControlTarget t : config.control().targets()) {
      cs.add(new Measurement(UUID.randomUUID().toString(), roundId, T0, config.probe(), Role.CONTROL,
          Measurement.CONTROL_PLATFORM, "Control", false, t.endpoint().spec(), null, null, https(t.endpoint(), ++c),
          null, List.of()));
    }
    return new RoundRecords(roundId, ps, cs);
  }

  static String address(int k) {
    return "198.19.200." + (10 + k % 200);
  }

  static EndpointObservations https(Endpoint e, int k) {
    IpAddress ip = IpAddress.parse(address(k));
    var a = new DnsObservation("system", e.host(), QueryType.A, 1, T0, 0.4, "NOERROR", List.of(),
        List.of(DnsAnswer.address(e.host(), 0, ip, false)), null, List.of());
    var aaaa = new DnsObservation("system", e.host(), QueryType.AAAA, 1, T0, 0.4, "NOERROR", List.of(), List.of(),
        Failure.of(FailureType.DNS_NO_ANSWER, Operation.RESOLVE), List.of());
    var tcp = new TcpObservation(ip, e.port(), 1, T0, 0.2, null, 1);
    var tls = new TlsObservation(ip, e.port(), e.host(), 1, T0, 4.1, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "http/1.1",
        chain(), null, null, 1);
    var http = new HttpExchange("GET", e.spec(), ip, 1, T0, 2.3, 200,
        Map.of("server", List.of("nginx/1.22.1"), "content-type", List.of("text/html"),
            "content-length", List.of(String.valueOf(PAGE.length())), "date", List.of("Sat, 21 Nov 2026 23:00:00 GMT")),
        PAGE.length(), false, "9f2c3b1a7d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4", "censorprobe bench",
        PAGE, 1.9, 1.2e6, null, 1);
    return new EndpointObservations(e, T0, 8.0, List.of(a, aaaa), List.of(), List.of(tcp), List.of(tls), List.of(),
        List.of(http), null);
  }

  static EndpointObservations dnsNxdomain(Endpoint e) {
    var a = new DnsObservation("system", e.host(), QueryType.A, 1, T0, 0.4, "NXDOMAIN", List.of(), List.of(),
        Failure.of(FailureType.DNS_NXDOMAIN, Operation.RESOLVE), List.of());
    var aaaa = new DnsObservation("system", e.host(), QueryType.AAAA, 1, T0, 0.4, "NXDOMAIN", List.of(), List.of(),
        Failure.of(FailureType.DNS_NXDOMAIN, Operation.RESOLVE), List.of());
    return new EndpointObservations(e, T0, 1.0, List.of(a, aaaa), List.of(), List.of(), List.of(), List.of(),
        List.of(), null);
  }

  static EndpointObservations tlsReset(Endpoint e, int k) {
    IpAddress ip = IpAddress.parse(address(k));
    var a = new DnsObservation("system", e.host(), QueryType.A, 1, T0, 0.4, "NOERROR", List.of(),
        List.of(DnsAnswer.address(e.host(), 0, ip, false)), null, List.of());
    var tcp1 = new TcpObservation(ip, e.port(), 1, T0, 0.2, null, 1);
    var tcp2 = new TcpObservation(ip, e.port(), 2, T0, 0.2, null, 2);
    Failure reset = new Failure(FailureType.CONNECTION_RESET, Operation.TLS_HANDSHAKE, "Connection reset");
    var tls1 = new TlsObservation(ip, e.port(), e.host(), 1, T0, 1.0, null, null, null, List.of(), reset, null, 1);
    var tls2 = new TlsObservation(ip, e.port(), e.host(), 2, T0, 1.0, null, null, null, List.of(), reset, null, 2);
    return new EndpointObservations(e, T0, 510.0, List.of(a), List.of(), List.of(tcp1, tcp2), List.of(tls1, tls2),
        List.of(), List.of(), null);
  }

  static List<CertificateInfo> chain() {
    return List.of(
        new CertificateInfo("CN=*.bench", "CN=censorprobe bench CA", "4f1a2b3c4d5e6f708192a3b4c5d6e7f8",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", T0.minus(Duration.ofDays(1)),
            T0.plus(Duration.ofDays(3650)), List.of("*.bench")),
        new CertificateInfo("CN=censorprobe bench CA", "CN=censorprobe bench CA", "1122334455667788",
            "f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8", T0.minus(Duration.ofDays(1)),
            T0.plus(Duration.ofDays(3650)), List.of()));
  }
}
