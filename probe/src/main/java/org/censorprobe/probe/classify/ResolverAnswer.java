package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.FailureType;

/**
 * What one resolver said about one name in one round (its last attempts, A and AAAA together): the addresses it
 * gave, those that are special-purpose, and, when it gave none, how it failed (the A query's failure first: an
 * AAAA "no answer" says less).
 */
record ResolverAnswer(String resolver, ResolverRole role, List<IpAddress> addresses, List<IpAddress> bogons,
                      FailureType failure, List<DnsObservation> queries) {

  static final String SYSTEM = "system";

  static ResolverRole roleOf(String label, boolean inControlDns) {
    if (SYSTEM.equals(label)) return ResolverRole.SYSTEM;
    return inControlDns ? ResolverRole.CONTROL : ResolverRole.EXTRA;
  }

  /** From the final queries of one resolver for one name; null when none were made. */
  static ResolverAnswer of(String resolver, ResolverRole role, List<DnsObservation> finalQueries) {
    if (finalQueries.isEmpty()) return null;
    TreeSet<IpAddress> addrs = new TreeSet<>();
    TreeSet<IpAddress> bogons = new TreeSet<>();
    FailureType aFailure = null;
    FailureType anyFailure = null;
    for (DnsObservation d : finalQueries) {
      if (d.ok()) {
        for (DnsAnswer a : d.answers()) {
          if (!a.isAddress()) continue;
          addrs.add(a.address());
          if (a.bogon()) bogons.add(a.address());
        }
      } else {
        if (d.queryType() == org.censorprobe.format.observe.QueryType.A) aFailure = d.failure().type();
        if (anyFailure == null || d.failure().type().compareTo(anyFailure) < 0) anyFailure = d.failure().type();
      }
    }
    FailureType failure = addrs.isEmpty() ? (aFailure != null ? aFailure : anyFailure) : null;
    if (addrs.isEmpty() && failure == null) failure = FailureType.DNS_NO_ANSWER;
    return new ResolverAnswer(resolver, role, List.copyOf(addrs), List.copyOf(bogons), failure,
        List.copyOf(finalQueries));
  }

  boolean answered() {
    return !addresses.isEmpty();
  }

  /** The addresses that are not special-purpose: the ones worth dialling and comparing. */
  List<IpAddress> publicAddresses() {
    List<IpAddress> out = new ArrayList<>(addresses);
    out.removeAll(bogons);
    return out;
  }
}
