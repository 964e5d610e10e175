package org.censorprobe.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ControlConfig;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ProbeIdentity;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.observe.CertificateInfo;
import org.censorprobe.probe.observe.DnsAnswer;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.Failure;
import org.censorprobe.probe.observe.FailureStrings;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.Operations;
import org.censorprobe.probe.observe.TcpObservation;
import org.censorprobe.probe.observe.TlsObservation;
import org.censorprobe.probe.round.RoundRunner;

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
      targets.add(new ControlTarget(Endpoint.parse("https://control" + c + ".bench/"), false));
    }
    return new ProbeConfig(null, new ProbeIdentity("bench", "KZ", "bench", 0), Timeouts.DEFAULTS,
        ScheduleSpec.DEFAULT, List.of(), new ControlConfig(null, null, List.of(), targets), List.of(), List.of(),
        Limits.DEFAULTS, ClassifierSettings.DEFAULTS, "data/bench.db", platforms);
  }

  /** A round over {@code config}: every {@code failEvery}-th platform endpoint fails (0: none do). */
  static RoundRunner.RoundObservations round(ProbeConfig config, int failEvery) {
    List<RoundRunner.PlatformObservations> ps = new ArrayList<>();
    int k = 0;
    for (Platform p : config.platforms()) {
      List<EndpointObservations> obs = new ArrayList<>();
      for (Endpoint e : p.endpoints()) {
        k++;
        boolean fail = failEvery > 0 && k % failEvery == 0;
        obs.add(fail ? (k / failEvery % 2 == 0 ? dnsNxdomain(e) : tlsReset(e, k)) : https(e, k));
      }
      ps.add(new RoundRunner.PlatformObservations(p, obs));
    }
    List<RoundRunner.ControlObservations> cs = new ArrayList<>();
    int c = 0;
    for (ControlTarget t : config.control().targets()) cs.add(new RoundRunner.ControlObservations(t, https(t.endpoint(), ++c)));
    return new RoundRunner.RoundObservations(ps, cs);
  }

  static String address(int k) {
    return "198.19.200." + (10 + k % 200);
  }

  static EndpointObservations https(Endpoint e, int k) {
    String ip = address(k);
    var a = new DnsObservation("system", e.host(), "A", 1, T0, 0.4, "NOERROR", List.of(),
        List.of(new DnsAnswer(e.host(), "A", 0, ip, false)), null);
    var aaaa = new DnsObservation("system", e.host(), "AAAA", 1, T0, 0.4, "NOERROR", List.of(), List.of(),
        Failure.of(FailureStrings.DNS_NO_ANSWER, Operations.RESOLVE));
    var tcp = new TcpObservation(ip, e.port(), 1, T0, 0.2, null);
    var tls = new TlsObservation(ip, e.port(), e.host(), 1, T0, 4.1, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "http/1.1",
        chain(), null, null);
    var http = new HttpExchange(e.spec(), ip, 1, T0, 2.3, 200,
        Map.of("Server", List.of("nginx/1.22.1"), "Content-Type", List.of("text/html"),
            "Content-Length", List.of(String.valueOf(PAGE.length())), "Date", List.of("Sat, 21 Nov 2026 23:00:00 GMT")),
        PAGE.length(), false, "9f2c3b1a7d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4", "censorprobe bench",
        PAGE, 1.9, 1.2e6, null);
    return new EndpointObservations(e, T0, 8.0, List.of(a, aaaa), List.of(), List.of(tcp), List.of(tls), List.of(),
        List.of(http));
  }

  static EndpointObservations dnsNxdomain(Endpoint e) {
    var a = new DnsObservation("system", e.host(), "A", 1, T0, 0.4, "NXDOMAIN", List.of(), List.of(),
        Failure.of(FailureStrings.DNS_NXDOMAIN, Operations.RESOLVE));
    var aaaa = new DnsObservation("system", e.host(), "AAAA", 1, T0, 0.4, "NXDOMAIN", List.of(), List.of(),
        Failure.of(FailureStrings.DNS_NXDOMAIN, Operations.RESOLVE));
    return new EndpointObservations(e, T0, 1.0, List.of(a, aaaa), List.of(), List.of(), List.of(), List.of(),
        List.of());
  }

  static EndpointObservations tlsReset(Endpoint e, int k) {
    String ip = address(k);
    var a = new DnsObservation("system", e.host(), "A", 1, T0, 0.4, "NOERROR", List.of(),
        List.of(new DnsAnswer(e.host(), "A", 0, ip, false)), null);
    var tcp = new TcpObservation(ip, e.port(), 1, T0, 0.2, null);
    Failure reset = new Failure(FailureStrings.CONNECTION_RESET, Operations.TLS_HANDSHAKE, "Connection reset");
    var tls1 = new TlsObservation(ip, e.port(), e.host(), 1, T0, 1.0, null, null, null, List.of(), reset, null);
    var tls2 = new TlsObservation(ip, e.port(), e.host(), 2, T0, 1.0, null, null, null, List.of(), reset, null);
    return new EndpointObservations(e, T0, 510.0, List.of(a), List.of(), List.of(tcp), List.of(tls1, tls2),
        List.of(), List.of());
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
