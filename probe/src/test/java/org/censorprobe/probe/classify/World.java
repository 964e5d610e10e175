package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.*;
import static org.censorprobe.probe.classify.Recorded.*;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.record.Measurement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated world: resolvers that behave one way or another, controls that work or fail, platforms whose
 * addresses connect or not, handshakes, pages, a remote vantage or none. Rendered into the records the engine
 * would have written for it, so that the classifier's invariants can be checked on thousands of rounds no one
 * wrote by hand. Small enough to shrink to a readable counterexample.
 */
record World(Behaviour system, List<Witness> witnesses, List<Control> controls, List<Platform> platforms) {

  /** How a resolver treats names: the controls' and the platforms'. */
  enum Behaviour { HEALTHY, SILENT, NX_PLATFORMS, SERVFAIL_PLATFORMS, BOGON_PLATFORMS, INJECTED_PLATFORMS }

  record Witness(String label, boolean control, Behaviour behaviour) {}

  enum ControlOutcome { OK, TCP_TIMEOUT, TLS_RESET, HTTP_503 }

  record Control(int index, boolean domestic, ControlOutcome outcome) {
    String host() {
      return "c" + index + ".control.example";
    }

    String address() {
      return "198.51.100." + (index + 10);
    }
  }

  enum Kind { HTTPS, HTTP, TLS, TCP }

  enum TcpOut { OK, TIMEOUT, REFUSED, RETRY_OK }

  enum TlsOut { OK, RESET, TIMEOUT, WRONG_HOST, UNKNOWN_CA, INTERCEPTION }

  enum HttpOut { OK, S503, S451, BLOCKPAGE, RESET, TIMEOUT }

  enum Swap { NONE, OK, FAIL }

  enum Helper { NONE, UNREACHABLE, SUCCEEDED, FAILED }

  record Address(boolean v6, TcpOut tcp, TlsOut tls) {}

  record Endpoint(Kind kind, List<Address> addresses, HttpOut http, Swap swap, Helper helper) {}

  record Platform(List<Endpoint> endpoints) {}

  // --- generation ------------------------------------------------------------------------------------------

  static Arbitrary<World> worlds() {
    Arbitrary<Behaviour> behaviour = Arbitraries.of(Behaviour.class);
    Arbitrary<List<Witness>> witnesses = Combinators.combine(behaviour.optional(), behaviour.optional(),
        behaviour.optional()).as((a, b, c) -> {
          List<Witness> out = new ArrayList<>();
          a.ifPresent(x -> out.add(new Witness(EXTRA1, false, x)));
          b.ifPresent(x -> out.add(new Witness(EXTRA2, false, x)));
          c.ifPresent(x -> out.add(new Witness(CONTROL_RESOLVER, true, x)));
          return out;
        });
    Arbitrary<Control> control = Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.of(ControlOutcome.class)).as((d, o) -> new Control(0, d, o));
    Arbitrary<List<Control>> controls = control.list().ofMinSize(0).ofMaxSize(3).map(World::numbered);
    Arbitrary<Address> address = Combinators.combine(Arbitraries.of(false, false, true), Arbitraries.of(TcpOut.class),
        Arbitraries.of(TlsOut.class)).as(Address::new);
    Arbitrary<Endpoint> endpoint = Combinators.combine(Arbitraries.of(Kind.class),
        address.list().ofMinSize(1).ofMaxSize(2), Arbitraries.of(HttpOut.class), Arbitraries.of(Swap.class),
        Arbitraries.of(Helper.class)).as(Endpoint::new);
    Arbitrary<Platform> platform = endpoint.list().ofMinSize(1).ofMaxSize(2).map(Platform::new);
    return Combinators.combine(behaviour, witnesses, controls, platform.list().ofMinSize(1).ofMaxSize(3))
        .as(World::new);
  }

  /** The same world with every resolver but the system one answering every name truly. */
  World healthyWitnesses() {
    return new World(system, witnesses.stream().map(w -> new Witness(w.label(), w.control(), Behaviour.HEALTHY))
        .toList(), controls, platforms);
  }

  private static List<Control> numbered(List<Control> cs) {
    List<Control> out = new ArrayList<>();
    for (int i = 0; i < cs.size(); i++) out.add(new Control(i, cs.get(i).domestic(), cs.get(i).outcome()));
    return out;
  }

  // --- rendering ---------------------------------------------------------------------------------------------

  static String platformId(int p) {
    return "p" + p;
  }

  static String host(int p, int e) {
    return "e" + e + ".p" + p + ".example";
  }

  static String spec(Kind k, String host) {
    return switch (k) {
      case HTTPS -> "https://" + host + "/";
      case HTTP -> "http://" + host + "/";
      case TLS -> "tls://" + host + ":443";
      case TCP -> "tcp://" + host + ":443";
    };
  }

  /** A public address per platform, endpoint and address (a /16 of its own per platform). */
  static String address(int p, int e, int a, boolean v6) {
    return v6 ? "2a0" + p + ":" + e + "::" + (a + 1) : (45 + p) + "." + (10 + p) + "." + e + "." + (a + 1);
  }

  static final String BOGON = "10.10.34.36";

  RoundRecords render() {
    List<Measurement> cs = new ArrayList<>();
    for (Control c : controls) cs.add(control(renderControl(c), c.domestic()));
    List<Measurement> ps = new ArrayList<>();
    for (int p = 0; p < platforms.size(); p++) {
      List<Endpoint> es = platforms.get(p).endpoints();
      for (int e = 0; e < es.size(); e++) ps.add(platform(platformId(p), renderEndpoint(p, e, es.get(e))));
    }
    return round(cs, ps.toArray(Measurement[]::new));
  }

  private EndpointBuilder renderControl(Control c) {
    EndpointBuilder b = endpoint("https://" + c.host() + "/");
    resolve(b, c.host(), List.of(c.address()), false);
    boolean systemAnswers = system != Behaviour.SILENT;
    String a = c.address();
    if (c.outcome() == ControlOutcome.TCP_TIMEOUT) {
      b.tcp(tcpFail(a, 443, TIMEOUT, 1), tcpFail(a, 443, TIMEOUT, 2));
      return b;
    }
    b.tcp(tcpOk(a, 443));
    if (c.outcome() == ControlOutcome.TLS_RESET) {
      b.tls(tlsFail(a, c.host(), CONNECTION_RESET, 1), tlsFail(a, c.host(), CONNECTION_RESET, 2));
      return b;
    }
    b.tls(tlsOk(a, c.host(), 100));
    if (systemAnswers) {
      b.http(c.outcome() == ControlOutcome.HTTP_503 ? http("https://" + c.host() + "/", a, 503, "Down", "down")
          : http("https://" + c.host() + "/", a, 200, "Control", "<title>Control</title>"));
    }
    return b;
  }

  /** Every resolver's queries for one name, as its behaviour dictates. */
  private void resolve(EndpointBuilder b, String host, List<String> real, boolean platform) {
    b.dns(queries(ResolverAnswer.SYSTEM, system, host, real, platform));
    for (Witness w : witnesses) {
      List<DnsObservation> q = queries(w.label(), w.behaviour(), host, real, platform);
      if (w.control()) b.controlDns(q);
      else b.dns(q);
    }
  }

  private static List<DnsObservation> queries(String resolver, Behaviour behaviour, String host, List<String> real,
                                              boolean platform) {
    Behaviour effective = platform || behaviour == Behaviour.SILENT ? behaviour : Behaviour.HEALTHY;
    return switch (effective) {
      case HEALTHY -> dnsOk(resolver, host, real.toArray(String[]::new));
      case SILENT -> List.of(dnsFail(resolver, host, TIMEOUT, 1), dnsFail(resolver, host, TIMEOUT, 2));
      case NX_PLATFORMS -> List.of(dnsFail(resolver, host, DNS_NXDOMAIN, 1));
      case SERVFAIL_PLATFORMS -> List.of(dnsFail(resolver, host, DNS_SERVFAIL, 1), dnsFail(resolver, host, DNS_SERVFAIL, 2));
      case BOGON_PLATFORMS -> dnsOk(resolver, host, BOGON);
      case INJECTED_PLATFORMS -> List.of(dnsTwoReplies(resolver, host, BOGON, real.get(0)));
    };
  }

  private EndpointBuilder renderEndpoint(int p, int e, Endpoint ep) {
    String host = host(p, e);
    String spec = spec(ep.kind(), host);
    EndpointBuilder b = endpoint(spec);
    List<String> real = new ArrayList<>();
    for (int a = 0; a < ep.addresses().size(); a++) real.add(address(p, e, a, ep.addresses().get(a).v6()));
    resolve(b, host, real, true);
    int port = ep.kind() == Kind.HTTP ? 80 : 443;
    boolean tls = ep.kind() == Kind.HTTPS || ep.kind() == Kind.TLS;
    // The measurer dials every public answer of every resolver: the real addresses whenever any resolver gave them.
    boolean anyoneAnswered = system == Behaviour.HEALTHY || system == Behaviour.INJECTED_PLATFORMS
        || witnesses.stream().anyMatch(w -> w.behaviour() == Behaviour.HEALTHY
        || w.behaviour() == Behaviour.INJECTED_PLATFORMS);
    if (!anyoneAnswered) return b;
    String firstUsable = null;
    for (int a = 0; a < real.size(); a++) {
      Address spec2 = ep.addresses().get(a);
      String ip = real.get(a);
      switch (spec2.tcp()) {
        case OK -> b.tcp(tcpOk(ip, port));
        case TIMEOUT -> b.tcp(tcpFail(ip, port, TIMEOUT, 1), tcpFail(ip, port, TIMEOUT, 2));
        case REFUSED -> b.tcp(tcpFail(ip, port, CONNECTION_REFUSED, 1), tcpFail(ip, port, CONNECTION_REFUSED, 2));
        case RETRY_OK -> b.tcp(tcpFail(ip, port, TIMEOUT, 1),
            new org.censorprobe.format.observe.TcpObservation(ip(ip), port, 2, T0, 30, null, 0));
      }
      boolean connected = spec2.tcp() == TcpOut.OK || spec2.tcp() == TcpOut.RETRY_OK;
      if (!connected) continue;
      if (!tls) {
        if (firstUsable == null) firstUsable = ip;
        continue;
      }
      switch (spec2.tls()) {
        case OK -> b.tls(tlsOk(ip, host, 50));
        case RESET, TIMEOUT -> {
          FailureType f = spec2.tls() == TlsOut.RESET ? CONNECTION_RESET : TIMEOUT;
          b.tls(tlsFail(ip, host, f, 1), tlsFail(ip, host, f, 2));
          if (ep.swap() == Swap.OK) b.sniSwap(tlsOk(ip, NEUTRAL_SNI, 50));
          if (ep.swap() == Swap.FAIL) b.sniSwap(tlsFail(ip, NEUTRAL_SNI, f, 1));
        }
        case WRONG_HOST -> b.tls(tlsInvalid(ip, host, SSL_INVALID_HOSTNAME, cert("CN=other.example", "CN=R11")));
        case UNKNOWN_CA -> b.tls(tlsInvalid(ip, host, SSL_UNKNOWN_AUTHORITY, cert("CN=" + host, "CN=Some CA")));
        case INTERCEPTION -> b.tls(tlsInvalid(ip, host, SSL_UNKNOWN_AUTHORITY, cert("CN=" + host,
            "CN=Security Certificate,C=KZ"), cert("CN=Security Certificate,C=KZ", "CN=Qaznet Trust Network,C=KZ")));
      }
      if (spec2.tls() == TlsOut.OK && firstUsable == null) firstUsable = ip;
    }
    boolean systemGaveReal = system == Behaviour.HEALTHY;
    if ((ep.kind() == Kind.HTTPS || ep.kind() == Kind.HTTP) && firstUsable != null && systemGaveReal) {
      switch (ep.http()) {
        case OK -> b.http(http(spec, firstUsable, 200, "Home", "<title>Home</title>"));
        case S503 -> b.http(http(spec, firstUsable, 503, "Down", "down"));
        case S451 -> b.http(http(spec, firstUsable, 451, "Unavailable", "legal"));
        case BLOCKPAGE -> b.http(http(spec, firstUsable, 200, "Доступ", "<h1>Страница заблокирована</h1>"));
        case RESET -> b.http(httpFail(spec, firstUsable, CONNECTION_RESET, 1), httpFail(spec, firstUsable,
            CONNECTION_RESET, 2));
        case TIMEOUT -> b.http(httpFail(spec, firstUsable, TIMEOUT, 1), httpFail(spec, firstUsable, TIMEOUT, 2));
      }
    }
    switch (ep.helper()) {
      case NONE -> { }
      case UNREACHABLE -> b.helper(remoteUnreachable());
      case SUCCEEDED -> b.helper(remoteSaw(real.get(0), true, true, 200));
      case FAILED -> b.helper(remoteSaw(real.get(0), false, false, 0));
    }
    return b;
  }
}
