package org.censorprobe.reporter.histories;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
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
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.classify.JudgedRound;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.classify.ThrottleHistory;
import org.censorprobe.probe.config.ClassifierSettings;

/**
 * Writes histories in the probe's JSON-lines format from a compact script, per platform one character per round:
 * {@code o} every step worked, {@code B} blocked by the platform's method (SNI filtering, a bogon DNS answer or a
 * blockpage), {@code T} the server down (the connect times out here and at the remote vantage), {@code N}
 * nothing answers at all (the probe's own network down), {@code _} no round. What each character means is
 * observations; the verdicts in the files are the real classifier's, and the lines are the real codec's, so the
 * reporter's tests read what the probe writes.
 */
public final class HistoryWriter {
  public static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
  public static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final Classifier CLASSIFIER = new Classifier(ClassifierSettings.DEFAULTS, Fingerprints.load(List.of()));
  private static final String CONTROL_RESOLVER = "https://dns.control.example/dns-query";

  private final ProbeIdentity probe;
  private final Map<String, String> scripts = new LinkedHashMap<>();
  private final Map<String, Method> blockMethods = new LinkedHashMap<>();
  private int ids;

  public HistoryWriter(String probe, String network, long asn) {
    this.probe = new ProbeIdentity(probe, "KZ", network, asn);
  }

  /** A platform with endpoints {@code www.<id>.com} and {@code m.<id>.com}. */
  public HistoryWriter platform(String id, String script, Method blockMethod) {
    scripts.put(id, script);
    blockMethods.put(id, blockMethod);
    return this;
  }

  public static Instant round(int n) {
    return T0.plus(INTERVAL.multipliedBy(n));
  }

  public List<String> lines() {
    int rounds = scripts.values().stream().mapToInt(String::length).max().orElse(0);
    List<String> out = new ArrayList<>();
    int p = 0;
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String id : scripts.keySet()) index.put(id, p++);
    for (int r = 0; r < rounds; r++) {
      boolean networkDown = false;
      boolean anyData = false;
      for (String s : scripts.values()) {
        if (r < s.length() && s.charAt(r) == 'N') networkDown = true;
        if (r < s.length() && s.charAt(r) != '_') anyData = true;
      }
      if (!anyData) continue;
      String roundId = probe.id() + "-r" + r;
      Instant at = round(r);
      List<Measurement> platforms = new ArrayList<>();
      for (var e : scripts.entrySet()) {
        String script = e.getValue();
        if (r >= script.length() || script.charAt(r) == '_') continue;
        char c = script.charAt(r);
        Method block = blockMethods.get(e.getKey());
        String scheme = block == Method.HTTP_BLOCKPAGE ? "http" : "https";
        int n = index.get(e.getKey());
        for (String host : List.of("www." + e.getKey() + ".com", "m." + e.getKey() + ".com")) {
          String address = (100 + n) + "." + (n + 1) + ".0." + (host.startsWith("m.") ? 2 : 1);
          Endpoint ep = Endpoint.parse(scheme + "://" + host + "/");
          platforms.add(record(roundId, at, Role.PLATFORM, e.getKey(), ep,
              observe(ep, address, c, block, at, networkDown), false));
        }
      }
      List<Measurement> controls = new ArrayList<>();
      controls.add(record(roundId, at.plusMillis(500), Role.CONTROL, Measurement.CONTROL_PLATFORM,
          Endpoint.parse("https://example.org/"), observe(Endpoint.parse("https://example.org/"), "93.184.215.14", 'o',
          null, at, networkDown), false));
      controls.add(record(roundId, at.plusMillis(500), Role.CONTROL, Measurement.CONTROL_PLATFORM,
          Endpoint.parse("https://kz-control.kz/"), observe(Endpoint.parse("https://kz-control.kz/"), "2.133.40.10", 'o',
          null, at, networkDown), true));
      JudgedRound judged = CLASSIFIER.judge(new RoundRecords(roundId, platforms, controls), ThrottleHistory.EMPTY,
          at.plusSeconds(30));
      for (Measurement m : judged.all()) out.add(MeasurementCodec.toJson(m));
    }
    return out;
  }

  private Measurement record(String roundId, Instant at, Role role, String platform, Endpoint e,
                             EndpointObservations o, boolean domestic) {
    String name = role == Role.CONTROL ? "Control" : Character.toUpperCase(platform.charAt(0)) + platform.substring(1);
    return new Measurement(probe.id() + "-m" + (++ids), roundId, at, probe, role, platform, name, domestic, e.spec(),
        null, null, o, null, List.of());
  }

  private static EndpointObservations observe(Endpoint e, String address, char c, Method block, Instant at,
                                              boolean networkDown) {
    String host = e.host();
    IpAddress ip = IpAddress.parse(address);
    List<DnsObservation> dns = new ArrayList<>();
    List<DnsObservation> control = new ArrayList<>();
    List<TcpObservation> tcp = new ArrayList<>();
    List<TlsObservation> tls = new ArrayList<>();
    List<TlsObservation> swap = new ArrayList<>();
    List<HttpExchange> http = new ArrayList<>();
    HelperObservation helper = null;
    if (networkDown || c == 'N') {
      dns.add(dnsFail("system", host, at));
      control.add(dnsFail(CONTROL_RESOLVER, host, at));
      return new EndpointObservations(e, at, 5000, dns, control, tcp, tls, swap, http, null);
    }
    boolean bogon = c == 'B' && block == Method.DNS_BOGON;
    dns.add(dnsOk("system", host, bogon ? IpAddress.parse("10.10.34.35") : ip, bogon, at));
    control.add(dnsOk(CONTROL_RESOLVER, host, ip, false, at));
    if (bogon) return new EndpointObservations(e, at, 40, dns, control, tcp, tls, swap, http, null);
    int port = e.port();
    if (c == 'T') {
      tcp.add(new TcpObservation(ip, port, 1, at, 3000, Failure.of(FailureType.TIMEOUT, Operation.CONNECT), 1));
      tcp.add(new TcpObservation(ip, port, 2, at, 3000, Failure.of(FailureType.TIMEOUT, Operation.CONNECT), 2));
      String k = ip + ":" + port;
      helper = new HelperObservation("https://helper.example/", at, 900, List.of(
          new HelperObservation.Attempt("https://helper.example/", 900, 200, null)),
          "{\"dns\":{\"failure\":null,\"addrs\":[\"" + ip + "\"]},\"tcp_connect\":{\"" + k + "\":{\"status\":false,"
              + "\"failure\":\"generic_timeout_error\"}},\"http_request\":{\"body_length\":0,\"failure\":"
              + "\"generic_timeout_error\",\"title\":null,\"headers\":{},\"status_code\":0}}");
      return new EndpointObservations(e, at, 6000, dns, control, tcp, tls, swap, http, helper);
    }
    tcp.add(new TcpObservation(ip, port, 1, at, 20, null, 1));
    boolean sni = c == 'B' && block == Method.TLS_SNI_FILTERED;
    if (e.needsTls()) {
      if (sni) {
        tls.add(new TlsObservation(ip, port, host, 1, at, 30, null, null, null, List.of(),
            Failure.of(FailureType.CONNECTION_RESET, Operation.TLS_HANDSHAKE), null, 1));
        swap.add(new TlsObservation(ip, port, "example.org", 1, at, 30, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null,
            List.of(cert("CN=example.org")), null, null, 2));
        return new EndpointObservations(e, at, 80, dns, control, tcp, tls, swap, http, null);
      }
      tls.add(new TlsObservation(ip, port, host, 1, at, 30, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1",
          List.of(cert("CN=" + host)), null, null, 1));
    }
    boolean blockpage = c == 'B' && block == Method.HTTP_BLOCKPAGE;
    String body = blockpage ? "<h1>Страница заблокирована</h1>" : "<title>Home</title>";
    String title = blockpage ? "</title><script>alert('x')</script><img src=x onerror=alert(1)> Доступ ограничен" : "Home";
    http.add(new HttpExchange("GET", e.uri().toString(), ip, 1, at, 60, 200, Map.of("content-type",
        List.of("text/html")), body.length(), false, "sha-" + body.hashCode(), title, body, 40.0, null, null, 1));
    return new EndpointObservations(e, at, 120, dns, control, tcp, tls, swap, http, null);
  }

  private static CertificateInfo cert(String subject) {
    return new CertificateInfo(subject, "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US", "01",
        "ab", T0.minusSeconds(86_400), T0.plusSeconds(86_400 * 90), List.of());
  }

  private static DnsObservation dnsOk(String resolver, String host, IpAddress a, boolean bogon, Instant at) {
    return new DnsObservation(resolver, host, QueryType.A, 1, at, 10, "NOERROR", List.of(),
        List.of(DnsAnswer.address(host, 300, a, bogon)), null, List.of());
  }

  private static DnsObservation dnsFail(String resolver, String host, Instant at) {
    return new DnsObservation(resolver, host, QueryType.A, 1, at, 2000, null, List.of(), List.of(),
        Failure.of(FailureType.TIMEOUT, Operation.RESOLVE), List.of());
  }
}
