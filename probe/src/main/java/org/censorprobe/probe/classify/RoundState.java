package org.censorprobe.probe.classify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.record.Measurement;

/**
 * What the round as a whole shows, before any endpoint is judged: each control's outcome, each resolver's baseline
 * on the controls' names, whether anything got through the uplink, a captive portal, and from these the probe's
 * own network state. Pure: built from the round's records only.
 */
final class RoundState {
  final List<ControlOutcome> controls;
  final int total;
  final int ok;
  final int domesticTotal;
  final int domesticOk;
  final Map<String, ResolverBaseline> baselines;
  /** Something in the round (a platform or a control) got an answer from across the uplink. */
  final boolean anyResponse;
  /** Some IPv6 connect in the round worked: the probe has IPv6. */
  final boolean ipv6Works;
  /** A platform endpoint completed a validated handshake: the way abroad is open for it. */
  final boolean platformValidated;
  /** Null unless every name led to one captive-portal page. */
  final Fact.CaptivePortal portal;
  final LocalNetwork network;

  RoundState(List<Measurement> platformRecords, List<Measurement> controlRecords) {
    List<ControlOutcome> cs = new ArrayList<>();
    for (Measurement m : controlRecords) cs.add(ControlOutcome.of(m));
    cs.sort(Comparator.comparing(c -> c.record().endpoint()));
    this.controls = List.copyOf(cs);
    List<EndpointView> platforms = platformRecords.stream().map(m -> new EndpointView(m.observations())).toList();
    int okCount = 0, dom = 0, domOk = 0;
    for (ControlOutcome c : controls) {
      if (c.ok()) okCount++;
      if (c.domestic()) {
        dom++;
        if (c.ok()) domOk++;
      }
    }
    this.total = controls.size();
    this.ok = okCount;
    this.domesticTotal = dom;
    this.domesticOk = domOk;
    this.baselines = baselines(controls);
    List<EndpointView> all = new ArrayList<>(platforms);
    for (ControlOutcome c : controls) all.add(c.view());
    this.anyResponse = all.stream().anyMatch(EndpointView::gotResponse);
    this.ipv6Works = all.stream().flatMap(v -> v.tcp.values().stream())
        .anyMatch(t -> t.ok() && t.address().family() == IpAddress.Family.IPV6);
    this.platformValidated = platforms.stream().anyMatch(v -> v.tls.values().stream().anyMatch(h -> h.ok()));
    this.portal = portal(controls, all);
    this.network = network();
  }

  private LocalNetwork network() {
    if (total == 0) return LocalNetwork.UNKNOWN;
    if (portal != null) return LocalNetwork.CAPTIVE_PORTAL;
    if (ok == total) return LocalNetwork.UP;
    if (ok == 0) return anyResponse ? LocalNetwork.DEGRADED : LocalNetwork.DOWN;
    int intlTotal = total - domesticTotal, intlOk = ok - domesticOk;
    if (intlTotal > 0 && intlOk == 0 && domesticOk > 0 && !platformValidated) return LocalNetwork.GATEWAY_CUT;
    return LocalNetwork.DEGRADED;
  }

  /** Each resolver on the controls' names: how many it was asked about and how many it gave an address for. */
  private static Map<String, ResolverBaseline> baselines(List<ControlOutcome> controls) {
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, ResolverRole> roles = new TreeMap<>();
    for (ControlOutcome c : controls) {
      if (c.view().literal) continue;
      for (ResolverAnswer a : c.view().answers.values()) {
        int[] n = counts.computeIfAbsent(a.resolver(), k -> new int[2]);
        n[0]++;
        if (a.answered()) n[1]++;
        roles.put(a.resolver(), a.role());
      }
    }
    Map<String, ResolverBaseline> out = new TreeMap<>();
    counts.forEach((r, n) -> out.put(r, new ResolverBaseline(r, roles.get(r), n[0], n[1])));
    return java.util.Collections.unmodifiableMap(out); // sorted: the context lists resolvers in one order
  }

  /**
   * A control that defines its content answered with another page, and at least one more name of the round ended
   * on that same page (the same off-site host it redirected to, or the same body): a captive portal, not
   * blocking. A lone control answering oddly is only that control's failure.
   */
  private static Fact.CaptivePortal portal(List<ControlOutcome> controls, List<EndpointView> all) {
    for (ControlOutcome c : controls) {
      if (c.failedAt() != Method.CONTROL_UNEXPECTED_CONTENT) continue;
      HttpExchange page = c.view().lastHop();
      if (page == null) continue;
      String offSite = offSiteHost(page.url(), c.view().host);
      int names = 0;
      for (EndpointView v : all) {
        HttpExchange last = v.lastHop();
        if (last == null || last.statusCode() == 0) continue;
        boolean samePage = offSite != null ? offSite.equals(offSiteHost(last.url(), v.host))
            : page.bodySha256() != null && page.bodySha256().equals(last.bodySha256());
        if (samePage) names++;
      }
      if (names >= 2) return new Fact.CaptivePortal(page.url(), page.title(), names);
    }
    return null;
  }

  /** The host a URL is on, when it is not {@code ownHost}; null otherwise or for a URL that cannot be read. */
  private static String offSiteHost(String url, String ownHost) {
    try {
      String h = URI.create(url).getHost();
      if (h == null) return null;
      h = h.toLowerCase(Locale.ROOT);
      return h.equals(ownHost) ? null : h;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  ResolverBaseline baseline(String resolver) {
    return baselines.get(resolver);
  }

  /** The system resolver failed every control name while another resolver answered them all. */
  boolean systemResolverDown() {
    ResolverBaseline s = baselines.get(ResolverAnswer.SYSTEM);
    return s != null && s.silent() && baselines.values().stream()
        .anyMatch(b -> b.role() != ResolverRole.SYSTEM && b.healthy());
  }

  /** A resolver other than the system one that gave an address for every control name it was asked about. */
  boolean healthyWitness(String resolver) {
    ResolverBaseline b = baselines.get(resolver);
    return b != null && b.role() != ResolverRole.SYSTEM && b.healthy();
  }

  boolean systemResolverHealthy() {
    ResolverBaseline s = baselines.get(ResolverAnswer.SYSTEM);
    return s != null && s.healthy();
  }

  RoundContext context() {
    return new RoundContext(total, ok, domesticTotal, domesticOk, network, List.copyOf(baselines.values()));
  }

  static Double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs.stream().filter(Objects::nonNull).toList());
    if (s.isEmpty()) return null;
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }

  Double controlHandshakeMs() {
    return median(controls.stream().filter(ControlOutcome::ok).map(ControlOutcome::handshakeMs).toList());
  }

  Double controlTtfbMs() {
    return median(controls.stream().filter(ControlOutcome::ok).map(ControlOutcome::ttfbMs).toList());
  }

  Double controlBytesPerSecond() {
    return median(controls.stream().filter(ControlOutcome::ok).map(ControlOutcome::bytesPerSecond).toList());
  }
}
