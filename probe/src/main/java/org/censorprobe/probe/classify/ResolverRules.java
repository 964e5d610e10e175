package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.DNS_NXDOMAIN;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.FailureType;

/**
 * Resolvers as subjects of their own. The system resolver's record says whether it works (its tampering is the
 * platforms' verdicts, which are decided on its path). Every other resolver's record says whether this network
 * lets it answer (a foreign resolver unreachable while the system one works is blocking of foreign DNS when two
 * independent ones show it) and whether its answers were tampered with on the way (a bogon, a blocking address,
 * a forged first reply, NXDOMAIN for a name others resolve). None of it touches a platform's verdict.
 */
final class ResolverRules {
  record Judged(String resolver, ResolverRole role, Finding finding, List<DnsObservation> queries) {}

  private final Fingerprints fingerprints;

  ResolverRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  List<Judged> judge(RoundState round, List<EndpointView> views) {
    Map<String, ResolverRole> roles = new TreeMap<>();
    Map<String, List<DnsObservation>> queries = new TreeMap<>();
    for (EndpointView v : views) {
      for (DnsObservation d : v.observations.dns()) {
        roles.putIfAbsent(d.resolver(), ResolverAnswer.roleOf(d.resolver(), false));
        queries.computeIfAbsent(d.resolver(), k -> new ArrayList<>()).add(d);
      }
      for (DnsObservation d : v.observations.controlDns()) {
        roles.put(d.resolver(), ResolverRole.CONTROL);
        queries.computeIfAbsent(d.resolver(), k -> new ArrayList<>()).add(d);
      }
    }
    List<Judged> out = new ArrayList<>();
    for (var e : roles.entrySet()) {
      String r = e.getKey();
      List<DnsObservation> qs = new ArrayList<>(queries.get(r));
      qs.sort(Comparator.comparing(DnsObservation::query).thenComparing(DnsObservation::queryType)
          .thenComparingInt(DnsObservation::attempt));
      Finding f = e.getValue() == ResolverRole.SYSTEM ? system(round) : other(r, round, views);
      if (f.verdict() == Verdict.BLOCKED && round.ok == 0) {
        f = f.decide(Verdict.INCONCLUSIVE, f.method(), Confidence.LOW)
            .with(new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_CONTROLS)));
      }
      out.add(new Judged(r, e.getValue(), f, List.copyOf(qs)));
    }
    return out;
  }

  private static Finding system(RoundState round) {
    ResolverBaseline b = round.baseline(ResolverAnswer.SYSTEM);
    List<Fact> facts = new ArrayList<>();
    if (b == null) {
      facts.add(new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_CONTROLS)));
      return Finding.decided(Verdict.INCONCLUSIVE, null, Confidence.LOW, facts);
    }
    if (b.silent()) {
      facts.add(new Fact.DnsFailures(Map.of(ResolverAnswer.SYSTEM, mostCommonFailure(round, ResolverAnswer.SYSTEM))));
      if (round.systemResolverDown()) {
        return Finding.decided(Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH, facts);
      }
      if (round.network == LocalNetwork.DOWN) {
        return Finding.decided(Verdict.TECHNICAL, Method.NETWORK_DOWN, Confidence.HIGH, facts);
      }
      facts.add(new Fact.MissingEvidence(List.of(Fact.Missing.CONTROL_RESOLVER)));
      return Finding.decided(Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.LOW, facts);
    }
    if (b.answered() < b.asked()) return Finding.decided(Verdict.INCONCLUSIVE, Method.DNS_FAILURE, Confidence.LOW, facts);
    return Finding.decided(Verdict.OK, null, Confidence.HIGH, facts);
  }

  private Finding other(String r, RoundState round, List<EndpointView> views) {
    ResolverBaseline b = round.baseline(r);
    if (b != null && b.silent()) return silent(r, round);
    List<Fact.TamperedName> tampered = new ArrayList<>();
    for (EndpointView v : views) {
      ResolverAnswer a = v.answers.get(r);
      if (a == null) continue;
      Fact.TamperedName t = tampering(v, a, round);
      if (t != null) tampered.add(t);
    }
    if (!tampered.isEmpty()) {
      Method m = tampered.stream().map(Fact.TamperedName::method).min(Comparator.comparingInt(ResolverRules::rank))
          .orElseThrow();
      Confidence c = m == Method.DNS_NXDOMAIN ? Confidence.MEDIUM : Confidence.HIGH;
      return Finding.proof(m, c, List.of(new Fact.TamperedNames(tampered)));
    }
    if (b == null) return Finding.decided(Verdict.OK, null, Confidence.LOW,
        List.of(new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_CONTROLS))));
    if (b.answered() < b.asked()) return Finding.decided(Verdict.INCONCLUSIVE, Method.DNS_FAILURE, Confidence.LOW, List.of());
    return Finding.decided(Verdict.OK, null, Confidence.HIGH, List.of());
  }

  /** Answered no control name: unreachable from here, or refusing; blocking only when two independent ones show it. */
  private static Finding silent(String r, RoundState round) {
    FailureType failure = mostCommonFailure(round, r);
    boolean transport = failure == null || failure.group() != FailureType.Group.DNS_ANSWER;
    Method m = transport ? Method.DNS_RESOLVER_UNREACHABLE : MethodOf.dns(failure);
    Map<String, FailureType> failures = new TreeMap<>();
    failures.put(r, failure == null ? FailureType.TIMEOUT : failure);
    if (round.network == LocalNetwork.DOWN) {
      return Finding.decided(Verdict.TECHNICAL, Method.NETWORK_DOWN, Confidence.HIGH,
          List.of(new Fact.DnsFailures(failures)));
    }
    // The round's own explanation, as for platforms: an international link cut, or a portal answering every name,
    // explains a resolver that answered nothing (medium: the resolver may have a node inside the country).
    if (round.network == LocalNetwork.GATEWAY_CUT || round.network == LocalNetwork.CAPTIVE_PORTAL) {
      List<Fact> facts = new ArrayList<>(List.of(new Fact.DnsFailures(failures), new Fact.Replaced(m)));
      if (round.network == LocalNetwork.CAPTIVE_PORTAL && round.portal != null) facts.add(round.portal);
      return Finding.decided(Verdict.TECHNICAL, round.network == LocalNetwork.GATEWAY_CUT
          ? Method.NETWORK_GATEWAY_CUT : Method.NETWORK_CAPTIVE_PORTAL, Confidence.MEDIUM, facts);
    }
    if (!round.systemResolverHealthy() || round.network != LocalNetwork.UP) {
      return Finding.decided(Verdict.INCONCLUSIVE, m, Confidence.LOW, List.of(new Fact.DnsFailures(failures),
          new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_CONTROLS))));
    }
    for (ResolverBaseline other : round.baselines.values()) {
      if (other.role() == ResolverRole.SYSTEM || other.resolver().equals(r) || !other.silent()) continue;
      // Only a resolver reached the same way corroborates: dropping plain DNS to foreign resolvers and blocking a
      // DoH server are different acts, and a DoH server timing out for its own reasons must not make a dropped
      // UDP resolver look like a pattern.
      if (encrypted(other.resolver()) != encrypted(r)) continue;
      // Nor one server asked two ways (udp:// and tcp:// to one address): that is one resolver failing.
      if (host(other.resolver()).equals(host(r))) continue;
      FailureType of = mostCommonFailure(round, other.resolver());
      failures.put(other.resolver(), of == null ? FailureType.TIMEOUT : of);
    }
    if (failures.size() >= 2) {
      return Finding.proof(m, Confidence.MEDIUM, List.of(new Fact.DnsFailures(failures)));
    }
    return Finding.decided(Verdict.INCONCLUSIVE, m, Confidence.LOW, List.of(new Fact.DnsFailures(failures),
        new Fact.MissingEvidence(List.of(Fact.Missing.SECOND_RESOLVER))));
  }

  private static String host(String resolver) {
    try {
      String h = java.net.URI.create(resolver).getHost();
      return h == null ? resolver : h.toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return resolver;
    }
  }

  private static boolean encrypted(String resolver) {
    return resolver.startsWith("https://");
  }

  /** How the resolver failed the control names most often (ties: the taxonomy's order). */
  private static FailureType mostCommonFailure(RoundState round, String r) {
    Map<FailureType, Integer> n = new EnumMap<>(FailureType.class);
    for (ControlOutcome c : round.controls) {
      ResolverAnswer a = c.view().answers.get(r);
      if (a != null && a.failure() != null) n.merge(a.failure(), 1, Integer::sum);
    }
    FailureType best = null;
    for (var e : n.entrySet()) if (best == null || e.getValue() > n.get(best)) best = e.getKey();
    return best;
  }

  /** What this resolver did wrong for this name, judged against the other healthy resolvers and the helper. */
  private Fact.TamperedName tampering(EndpointView v, ResolverAnswer a, RoundState round) {
    TreeSet<IpAddress> others = new TreeSet<>();
    boolean othersAnswered = false;
    for (ResolverAnswer o : v.answers.values()) {
      if (o.resolver().equals(a.resolver())) continue;
      boolean healthy = o.role() == ResolverRole.SYSTEM ? round.systemResolverHealthy()
          : round.healthyWitness(o.resolver());
      if (!healthy) continue;
      others.addAll(o.addresses());
      othersAnswered |= o.answered();
    }
    if (v.remote != null && !v.remote.dnsAddresses().isEmpty()) {
      others.addAll(v.remote.dnsAddresses());
      othersAnswered = true;
    }
    for (DnsObservation q : a.queries()) {
      for (DnsReply late : q.lateReplies()) {
        List<IpAddress> first = q.addresses();
        boolean forged = q.answers().stream().anyMatch(x -> x.isAddress() && x.bogon())
            || first.stream().anyMatch(x -> fingerprints.blockingAddress(x).isPresent())
            || late.addresses().stream().anyMatch(others::contains);
        if (forged && !late.addresses().isEmpty() && first.stream().noneMatch(late.addresses()::contains)) {
          return new Fact.TamperedName(v.host, Method.DNS_INJECTED, first, null);
        }
      }
    }
    List<IpAddress> bogons = a.bogons().stream().filter(x -> !others.contains(x)).toList();
    if (!bogons.isEmpty()) return new Fact.TamperedName(v.host, Method.DNS_BOGON, bogons, null);
    for (IpAddress x : a.addresses()) {
      if (fingerprints.blockingAddress(x).isPresent() && !others.contains(x)) {
        return new Fact.TamperedName(v.host, Method.DNS_KNOWN_BLOCKING_ADDRESS, List.of(x), null);
      }
    }
    if (a.failure() == DNS_NXDOMAIN && othersAnswered) {
      return new Fact.TamperedName(v.host, Method.DNS_NXDOMAIN, List.of(), DNS_NXDOMAIN);
    }
    return null;
  }

  private static int rank(Method m) {
    return switch (m) {
      case DNS_INJECTED -> 0;
      case DNS_BOGON -> 1;
      case DNS_KNOWN_BLOCKING_ADDRESS -> 2;
      default -> 3;
    };
  }
}
