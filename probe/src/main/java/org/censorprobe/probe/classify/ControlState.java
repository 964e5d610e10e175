package org.censorprobe.probe.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.TcpObservation;
import org.censorprobe.probe.observe.TlsObservation;

/**
 * The round's controls: each control's own classification and what they say about the probe's network.
 * A control is ok when every step of its last attempt worked: DNS answered (or an IP literal), a TCP connect,
 * a validated TLS handshake when the endpoint needs TLS, and an HTTP response head below 500 for URLs.
 */
final class ControlState {
  final Map<String, Classification> classifications = new LinkedHashMap<>();
  final RoundSummary summary;
  /** Every control that resolves a name failed at the local resolver while the control resolver answered it. */
  final boolean localResolverDown;
  /** Some control's name was answered by the local resolver. */
  final boolean localResolverWorks;
  /** Some control's name was answered by the control resolver. */
  final boolean controlResolverWorks;
  /** Handshake times (ms) and HTTP figures of the ok controls, for throttling. */
  final List<Double> handshakeMs;
  final List<Double> ttfbMs;
  final List<Double> bytesPerSecond;

  ControlState(List<ControlObservations> controls) {
    int ok = 0, domTotal = 0, domOk = 0, named = 0, resolverFailed = 0;
    boolean localWorks = false, controlWorks = false;
    List<Double> hs = new java.util.ArrayList<>(), tt = new java.util.ArrayList<>(), bps = new java.util.ArrayList<>();
    Map<String, String> failedAt = new LinkedHashMap<>();
    for (ControlObservations c : controls) {
      EndpointObservations o = c.observations();
      String failed = firstFailure(o);
      boolean isOk = failed == null;
      if (isOk) ok++;
      if (c.target().domestic()) {
        domTotal++;
        if (isOk) domOk++;
      }
      if (!o.endpoint().isIpLiteral()) {
        named++;
        List<DnsObservation> local = Attempts.dns(o.dns());
        boolean localOk = local.stream().anyMatch(DnsObservation::ok);
        boolean controlOk = Attempts.dns(o.controlDns()).stream().anyMatch(DnsObservation::ok);
        localWorks |= localOk;
        controlWorks |= controlOk;
        if (!local.isEmpty() && !localOk && controlOk) resolverFailed++;
      }
      if (isOk) {
        Attempts.tls(o.tls()).stream().filter(TlsObservation::ok).forEach(t -> hs.add(t.durationMs()));
        List<HttpExchange> http = Attempts.http(o.http());
        if (!http.isEmpty()) {
          HttpExchange last = http.get(http.size() - 1);
          if (last.timeToFirstByteMs() != null) tt.add(last.timeToFirstByteMs());
          if (last.transferBytesPerSecond() != null && last.bodyLength() >= ThrottleRules.MIN_RATE_BYTES) {
            bps.add(last.transferBytesPerSecond());
          }
        }
      }
      failedAt.put(o.endpoint().spec(), failed);
    }
    int total = controls.size();
    int intlTotal = total - domTotal, intlOk = ok - domOk;
    LocalNetwork net;
    if (total == 0) net = LocalNetwork.UNKNOWN;
    else if (ok == total) net = LocalNetwork.UP;
    else if (ok == 0) net = LocalNetwork.DOWN;
    else if (intlTotal > 0 && intlOk == 0 && domOk > 0) net = LocalNetwork.GATEWAY_CUT;
    else net = LocalNetwork.DEGRADED;
    summary = new RoundSummary(total, ok, domTotal, domOk, net);
    localResolverDown = named > 0 && resolverFailed == named;
    localResolverWorks = localWorks;
    controlResolverWorks = controlWorks;
    handshakeMs = List.copyOf(hs);
    ttfbMs = List.copyOf(tt);
    bytesPerSecond = List.copyOf(bps);
    for (ControlObservations c : controls) {
      classifications.put(c.observations().endpoint().spec(), classify(c, failedAt.get(c.observations().endpoint().spec())));
    }
  }

  LocalNetwork network() {
    return summary.localNetwork();
  }

  /** The controls fact every endpoint verdict carries. */
  Map<String, Object> fact() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", summary.controlsTotal());
    m.put("ok", summary.controlsOk());
    m.put("domestic_total", summary.domesticTotal());
    m.put("domestic_ok", summary.domesticOk());
    m.put("local_network", summary.localNetwork().label());
    return m;
  }

  private Classification classify(ControlObservations c, String failed) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(Facts.CONTROLS, fact());
    String spec = c.observations().endpoint().spec();
    if (failed == null) return new Classification(Verdict.OK, null, Confidence.HIGH, "Control " + spec + " was reachable.", facts);
    if (network() == LocalNetwork.DOWN) {
      String m = localResolverDown ? Methods.DNS_RESOLVER_DOWN : Methods.NETWORK_DOWN;
      return new Classification(Verdict.TECHNICAL, m, Confidence.HIGH,
          "Control " + spec + " failed (" + failed + ") like every control in this round.", facts);
    }
    if (network() == LocalNetwork.GATEWAY_CUT && !c.target().domestic()) {
      return new Classification(Verdict.TECHNICAL, Methods.NETWORK_GATEWAY_CUT, Confidence.HIGH,
          "International control " + spec + " failed (" + failed + ") while a domestic control worked.", facts);
    }
    return new Classification(Verdict.TECHNICAL, failed, Confidence.MEDIUM,
        "Control " + spec + " failed (" + failed + ").", facts);
  }

  /** The method of a control's first failed step, or null when it is ok. */
  static String firstFailure(EndpointObservations o) {
    if (!o.endpoint().isIpLiteral()) {
      List<DnsObservation> dns = Attempts.dns(o.dns());
      if (!dns.isEmpty() && dns.stream().noneMatch(DnsObservation::ok)) return Failures.dns(firstFailureString(dns));
    }
    List<TcpObservation> tcp = Attempts.tcp(o.tcp());
    if (tcp.stream().noneMatch(TcpObservation::ok)) {
      return Failures.tcp(tcp.isEmpty() ? null : tcp.get(0).failure().failure());
    }
    if (o.endpoint().needsTls()) {
      List<TlsObservation> tls = Attempts.tls(o.tls());
      if (tls.stream().noneMatch(TlsObservation::ok)) {
        TlsObservation t = tls.isEmpty() ? null : tls.get(0);
        if (t != null && t.handshakeOk()) return Methods.TLS_SERVER_CERTIFICATE;
        return Failures.tls(t == null ? null : t.failure().failure());
      }
    }
    if (o.endpoint().kind() == org.censorprobe.probe.config.Endpoint.Kind.URL) {
      List<HttpExchange> http = Attempts.http(o.http());
      if (http.isEmpty()) return Methods.HTTP_FAILURE;
      HttpExchange last = http.get(http.size() - 1);
      if (!last.ok()) return Failures.http(last.failure().failure());
      if (last.statusCode() >= 500) return Methods.HTTP_SERVER_ERROR;
    }
    return null;
  }

  private static String firstFailureString(List<DnsObservation> dns) {
    return dns.stream().filter(d -> d.failure() != null).map(d -> d.failure().failure()).findFirst().orElse(null);
  }
}
