package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.DNS_NXDOMAIN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.FailureType;

/**
 * The DNS rows of the decision table (docs/classification.md), on the system resolver's path. Every other resolver
 * is a witness, and only a healthy one (it answered every control name it was asked about in this round) counts:
 * a resolver that failed the controls too is broken or blocked itself and says nothing about a platform. A witness
 * failing never makes the path fail; it only removes evidence.
 */
final class DnsRules {
  private final Fingerprints fingerprints;

  DnsRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  DnsOutcome evaluate(EndpointView v, RoundState round) {
    if (v.literal || v.system == null) return DnsOutcome.NOT_APPLICABLE;
    List<ResolverAnswer> witnesses = v.witnessAnswers().stream().filter(w -> round.healthyWitness(w.resolver()))
        .toList();
    List<IpAddress> remote = v.remote == null ? List.of() : v.remote.dnsAddresses();
    TreeSet<IpAddress> reference = new TreeSet<>(remote);
    for (ResolverAnswer w : witnesses) reference.addAll(w.publicAddresses());

    List<Fact> facts = baseFacts(v);
    ResolverAnswer sys = v.system;

    Finding injected = injection(v, sys, reference);
    if (injected != null) return decided(injected.withMissing(facts));

    TreeSet<IpAddress> bogons = new TreeSet<>(sys.bogons());
    bogons.removeAll(reference);
    for (ResolverAnswer w : witnesses) bogons.removeAll(w.addresses()); // a witness saying the same: the real answer
    if (!bogons.isEmpty()) {
      List<Fact> f = new ArrayList<>(facts);
      f.add(new Fact.BogonAnswers(ResolverAnswer.SYSTEM, List.copyOf(bogons)));
      return decided(Finding.proof(Method.DNS_BOGON, Confidence.HIGH, f));
    }

    for (IpAddress a : sys.addresses()) {
      var fp = fingerprints.blockingAddress(a);
      if (fp.isPresent() && !v.validatedOn(new IpPort(a, v.endpoint.port()))) {
        List<Fact> f = new ArrayList<>(facts);
        f.add(new Fact.BlockingAddress(ResolverAnswer.SYSTEM, a, fp.get().id()));
        return decided(Finding.proof(Method.DNS_KNOWN_BLOCKING_ADDRESS, Confidence.HIGH, f));
      }
    }

    if (!sys.answered()) return decided(noAddress(v, sys, witnesses, round, facts));

    Fact.Consistency c;
    if (sys.publicAddresses().stream().anyMatch(reference::contains)) c = Fact.Consistency.SHARED_ADDRESS;
    else if (v.pathTargets().stream().anyMatch(v::validatedOn)) c = Fact.Consistency.TLS_PROOF;
    else if (reference.isEmpty()) c = Fact.Consistency.UNKNOWN;
    else c = Fact.Consistency.INCONSISTENT;
    List<Fact> f = new ArrayList<>(facts);
    f.add(new Fact.DnsConsistency(c));
    return new DnsOutcome(null, c, List.copyOf(reference), f);
  }

  /** The name, and what every resolver said about it. */
  static List<Fact> baseFacts(EndpointView v) {
    Map<String, List<IpAddress>> answered = new LinkedHashMap<>();
    Map<String, FailureType> failed = new LinkedHashMap<>();
    for (ResolverAnswer a : v.answers.values()) {
      if (a.answered()) answered.put(a.resolver(), a.addresses());
      else failed.put(a.resolver(), a.failure());
    }
    List<Fact> out = new ArrayList<>();
    out.add(new Fact.Host(v.host));
    if (!answered.isEmpty()) out.add(new Fact.Answers(answered));
    if (!failed.isEmpty()) out.add(new Fact.DnsFailures(failed));
    return out;
  }

  /**
   * Two replies to one query whose addresses share nothing, the first of them forged: a bogon or a fingerprinted
   * address, or the later one agreeing with a healthy witness (or the remote vantage). A first answer whose address
   * completed a validated handshake was genuine, whatever came later.
   */
  private Finding injection(EndpointView v, ResolverAnswer sys, TreeSet<IpAddress> reference) {
    for (DnsObservation q : sys.queries()) {
      List<IpAddress> first = q.addresses();
      for (DnsReply late : q.lateReplies()) {
        List<IpAddress> later = late.addresses();
        if (first.isEmpty() || later.isEmpty() || first.stream().anyMatch(later::contains)) continue;
        if (first.stream().anyMatch(a -> v.validatedOn(new IpPort(a, v.endpoint.port())))) continue;
        // The later reply agreeing with a healthy witness is enough: the injector may have answered the witnesses'
        // queries first too, so the first reply agreeing with them proves nothing.
        boolean forged = q.answers().stream().anyMatch(a -> a.isAddress() && a.bogon())
            || first.stream().anyMatch(a -> fingerprints.blockingAddress(a).isPresent())
            || later.stream().anyMatch(reference::contains);
        if (!forged) continue;
        return Finding.proof(Method.DNS_INJECTED, Confidence.HIGH,
            List.of(new Fact.DnsInjection(ResolverAnswer.SYSTEM, q.queryType(), first, later)));
      }
    }
    return null;
  }

  private static Finding noAddress(EndpointView v, ResolverAnswer sys, List<ResolverAnswer> witnesses,
                                   RoundState round, List<Fact> facts) {
    FailureType failure = sys.failure();
    Method method = MethodOf.dns(failure);
    if (!round.systemResolverHealthy()) {
      if (round.systemResolverDown()) {
        return Finding.decided(Verdict.TECHNICAL, Method.DNS_RESOLVER_DOWN, Confidence.HIGH, facts);
      }
      // It failed control names too and no other resolver answered them: its own fault or the uplink's, which
      // this round cannot tell apart.
      List<Fact> f = new ArrayList<>(facts);
      f.add(new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_RESOLVER)));
      return Finding.decided(Verdict.INCONCLUSIVE, method, Confidence.LOW, f);
    }
    boolean remoteAnswered = v.remote != null && !v.remote.dnsAddresses().isEmpty();
    boolean remoteNx = v.remote != null && v.remote.reachable() && v.remote.dns() != null
        && v.remote.dns().failure() == DNS_NXDOMAIN;
    boolean witnessAnswered = witnesses.stream().anyMatch(ResolverAnswer::answered);
    if (failure == DNS_NXDOMAIN) {
      boolean allNx = !witnesses.isEmpty() && witnesses.stream().allMatch(w -> w.failure() == DNS_NXDOMAIN);
      if (remoteNx || allNx && !remoteAnswered) {
        return Finding.decided(Verdict.TECHNICAL, Method.TARGET_GONE, Confidence.HIGH, facts);
      }
      if (witnessAnswered || remoteAnswered) return Finding.proof(Method.DNS_NXDOMAIN, Confidence.HIGH, facts);
      return missingWitness(Method.DNS_NXDOMAIN, facts);
    }
    if (witnessAnswered || remoteAnswered) {
      Confidence c = remoteAnswered ? Confidence.HIGH : Confidence.MEDIUM;
      // SERVFAIL and odd replies also come from broken DNSSEC or lame delegations seen from one resolver only.
      if (method == Method.DNS_SERVFAIL || method == Method.DNS_FAILURE) c = c.lower();
      return Finding.proof(method, c, facts);
    }
    if (witnesses.stream().anyMatch(w -> w.failure() == failure)) {
      return Finding.decided(Verdict.TECHNICAL, Method.TARGET_DOWN, Confidence.MEDIUM, facts);
    }
    return missingWitness(method, facts);
  }

  private static Finding missingWitness(Method m, List<Fact> facts) {
    List<Fact> f = new ArrayList<>(facts);
    f.add(new Fact.MissingEvidence(List.of(Fact.Missing.CONTROL_RESOLVER)));
    return Finding.decided(Verdict.INCONCLUSIVE, m, Confidence.LOW, f);
  }

  private static DnsOutcome decided(Finding f) {
    return new DnsOutcome(f, null, List.of(), List.of());
  }
}
