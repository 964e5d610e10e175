package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.censorprobe.format.helper.RemoteView;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * One endpoint's observations as the rules read them: the last attempt of every step, in canonical order, and the
 * path its users take singled out. The path is the system resolver's (public) answers, then TCP, TLS and HTTP to
 * them; every other resolver, and the addresses only they gave, are witnesses for or against that path.
 */
final class EndpointView {
  final EndpointObservations observations;
  final Endpoint endpoint;
  final String host;
  final boolean literal;
  /** Every resolver's answer for the endpoint's own name, by label (system first when sorted is not needed). */
  final Map<String, ResolverAnswer> answers;
  /** The system resolver's answer; null for an IP literal (no DNS) or when it was not asked. */
  final ResolverAnswer system;
  /** The addresses of the user's path, ascending: the system resolver's public answers, or the literal. */
  final List<IpAddress> pathAddresses;
  final Map<IpPort, TcpObservation> tcp;
  /** Handshakes with the endpoint's own server name (or none, for a literal). */
  final Map<IpPort, TlsObservation> tls;
  final Map<IpPort, TlsObservation> swaps;
  final List<HttpExchange> chain;
  /** Null when no remote vantage is configured. */
  final RemoteView remote;

  EndpointView(EndpointObservations o) {
    this.observations = o;
    this.endpoint = o.endpoint();
    this.host = endpoint.host();
    this.literal = endpoint.isIpLiteral();
    Map<String, List<DnsObservation>> byResolver = new TreeMap<>();
    Map<String, ResolverRole> roles = new TreeMap<>();
    for (DnsObservation d : Attempts.dns(o.dns())) {
      if (!d.query().equalsIgnoreCase(host)) continue; // redirect hops' lookups are not this name's answer
      byResolver.computeIfAbsent(d.resolver(), k -> new ArrayList<>()).add(d);
      roles.put(d.resolver(), ResolverAnswer.roleOf(d.resolver(), false));
    }
    for (DnsObservation d : Attempts.dns(o.controlDns())) {
      if (!d.query().equalsIgnoreCase(host)) continue;
      byResolver.computeIfAbsent(d.resolver(), k -> new ArrayList<>()).add(d);
      roles.put(d.resolver(), ResolverRole.CONTROL);
    }
    Map<String, ResolverAnswer> a = new LinkedHashMap<>();
    for (var e : byResolver.entrySet()) a.put(e.getKey(), ResolverAnswer.of(e.getKey(), roles.get(e.getKey()), e.getValue()));
    this.answers = java.util.Collections.unmodifiableMap(new TreeMap<>(a));
    this.system = literal ? null : answers.get(ResolverAnswer.SYSTEM);
    Optional<IpAddress> lit = IpAddress.tryParse(host);
    this.pathAddresses = lit.isPresent() ? List.of(lit.get()) : system == null ? List.of() : system.publicAddresses();
    this.tcp = byTarget(Attempts.tcp(o.tcp()));
    String sni = endpoint.serverName();
    Map<IpPort, TlsObservation> t = new TreeMap<>();
    for (TlsObservation h : Attempts.tls(o.tls())) {
      if (sni == null ? h.serverName() == null : sni.equalsIgnoreCase(h.serverName())) t.put(h.target(), h);
    }
    this.tls = java.util.Collections.unmodifiableMap(t);
    Map<IpPort, TlsObservation> s = new TreeMap<>();
    for (TlsObservation h : Attempts.tls(o.sniSwap())) s.putIfAbsent(h.target(), h);
    this.swaps = java.util.Collections.unmodifiableMap(s);
    this.chain = Attempts.http(o.http());
    this.remote = RemoteView.of(o.helper());
  }

  private static Map<IpPort, TcpObservation> byTarget(List<TcpObservation> list) {
    Map<IpPort, TcpObservation> m = new TreeMap<>();
    for (TcpObservation t : list) m.put(t.target(), t);
    return m;
  }

  /** The user's path as address:port pairs, ascending. */
  List<IpPort> pathTargets() {
    return pathAddresses.stream().map(a -> new IpPort(a, endpoint.port())).toList();
  }

  /** The other resolvers' answers (every role but system), by label. */
  List<ResolverAnswer> witnessAnswers() {
    return answers.values().stream().filter(r -> r.role() != ResolverRole.SYSTEM)
        .sorted(java.util.Comparator.comparing(ResolverAnswer::resolver)).toList();
  }

  /** A handshake on {@code target} for this name that completed and validated: the server there holds the name. */
  /** Handshakes that validated for the name at addresses only other resolvers gave (witness addresses). */
  List<Fact.Handshake> validatedOffPath() {
    List<IpPort> path = pathTargets();
    List<Fact.Handshake> out = new ArrayList<>();
    for (IpPort t : tls.keySet()) {
      if (!path.contains(t) && validatedOn(t)) out.add(new Fact.Handshake(t, tls.get(t).serverName(), null, null));
    }
    return out;
  }

  boolean validatedOn(IpPort target) {
    TlsObservation h = tls.get(target);
    return h != null && h.ok();
  }

  /**
   * Whether anything of this endpoint got an answer from across the probe's uplink: a connect, a handshake, an
   * HTTP response, or a reply from a resolver other than the system one (which may be a local stub answering from
   * its cache).
   */
  boolean gotResponse() {
    if (tcp.values().stream().anyMatch(TcpObservation::ok)) return true;
    if (observations.tls().stream().anyMatch(TlsObservation::handshakeOk)) return true;
    if (chain.stream().anyMatch(h -> h.statusCode() > 0)) return true;
    for (DnsObservation d : observations.dns()) if (!ResolverAnswer.SYSTEM.equals(d.resolver()) && d.rcode() != null) return true;
    for (DnsObservation d : observations.controlDns()) if (d.rcode() != null) return true;
    return false;
  }

  HttpExchange lastHop() {
    return chain.isEmpty() ? null : chain.get(chain.size() - 1);
  }
}
