package org.censorprobe.probe.classify;

import static org.censorprobe.probe.observe.FailureStrings.DNS_NXDOMAIN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.probe.classify.DnsOutcome.Consistency;
import org.censorprobe.probe.observe.DnsAnswer;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.TlsObservation;

/** The DNS rows of the decision table (docs/classification.md), in table order. */
final class DnsRules {
  private final Fingerprints fingerprints;

  DnsRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  DnsOutcome evaluate(EndpointObservations o, RemoteView remote, ControlState controls) {
    String host = o.endpoint().host();
    List<DnsObservation> local = Attempts.dns(o.dns());
    if (o.endpoint().isIpLiteral() || local.isEmpty()) {
      return new DnsOutcome(null, Consistency.NOT_APPLICABLE, List.of(), Map.of());
    }
    List<DnsObservation> control = Attempts.dns(o.controlDns());
    Set<String> localAddrs = addresses(local);
    Set<String> controlAddrs = addresses(control);
    RemoteView.Dns remoteDns = remote != null && remote.reachable() ? remote.dns() : null;
    List<String> remoteAddrs = remoteDns == null ? List.of() : remoteDns.addrs();
    String controlFailure = control.stream().anyMatch(DnsObservation::ok) ? null : firstFailure(control);

    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(Facts.HOST, host);
    facts.put(Facts.LOCAL_ANSWERS, List.copyOf(localAddrs));
    facts.put(Facts.CONTROL_ANSWERS, List.copyOf(controlAddrs));
    if (controlFailure != null) facts.put(Facts.CONTROL_FAILURE, controlFailure);
    if (!remoteAddrs.isEmpty()) facts.put(Facts.REMOTE_ANSWERS, remoteAddrs);

    // dns.bogon: a special-purpose address for a public name, unless the control resolver says the same.
    List<String> bogons = new ArrayList<>();
    for (DnsObservation d : local) {
      for (DnsAnswer a : d.answers()) {
        if (a.bogon() && !controlAddrs.contains(a.data()) && !bogons.contains(a.data())) bogons.add(a.data());
      }
    }
    if (!bogons.isEmpty()) {
      facts.put(Facts.BOGONS, bogons);
      return decided(Finding.proof(Methods.DNS_BOGON, Confidence.HIGH, "The local resolver answered " + host
          + " with " + String.join(", ", bogons) + ", a special-purpose address a public name never has"
          + controlPart(controlAddrs) + ".", facts));
    }

    // dns.known_blocking_address
    for (String a : localAddrs) {
      var f = fingerprints.blockingAddress(a);
      if (f.isPresent()) {
        facts.put(Facts.BLOCKING_ADDRESS, a);
        facts.put(Facts.FINGERPRINT, f.get().id());
        return decided(Finding.proof(Methods.DNS_KNOWN_BLOCKING_ADDRESS, Confidence.HIGH, "The local resolver answered "
            + host + " with " + a + ", a known blocking address (" + f.get().id() + ").", facts));
      }
    }

    // A local resolver that gave no address at all.
    Map<String, List<DnsObservation>> byResolver = new LinkedHashMap<>();
    for (DnsObservation d : local) byResolver.computeIfAbsent(d.resolver(), k -> new ArrayList<>()).add(d);
    for (Map.Entry<String, List<DnsObservation>> e : byResolver.entrySet()) {
      if (e.getValue().stream().anyMatch(DnsObservation::ok)) continue;
      String failure = firstFailure(e.getValue());
      facts.put(Facts.RESOLVER, e.getKey());
      facts.put(Facts.LOCAL_FAILURE, failure);
      return decided(failedResolver(host, e.getKey(), failure, controlAddrs, controlFailure, remoteDns, controls, facts));
    }

    // Consistency (OONI's newer analysis, same-address only: we carry no ASN database).
    Set<String> reference = new LinkedHashSet<>(controlAddrs);
    reference.addAll(remoteAddrs);
    Consistency c;
    if (localAddrs.stream().anyMatch(reference::contains)) {
      c = Consistency.CONSISTENT;
      facts.put(Facts.DNS_CONSISTENCY, "shared_address");
    } else if (tlsProof(o, host, localAddrs)) {
      c = Consistency.CONSISTENT;
      facts.put(Facts.DNS_CONSISTENCY, "tls_proof");
    } else if (reference.isEmpty()) {
      c = Consistency.UNKNOWN;
      facts.put(Facts.DNS_CONSISTENCY, "unknown");
    } else {
      c = Consistency.INCONSISTENT;
      facts.put(Facts.DNS_CONSISTENCY, "inconsistent");
    }
    return new DnsOutcome(null, c, List.copyOf(localAddrs), facts);
  }

  private Finding failedResolver(String host, String resolver, String failure, Set<String> controlAddrs,
                                 String controlFailure, RemoteView.Dns remoteDns, ControlState controls,
                                 Map<String, Object> facts) {
    boolean remoteAnswered = remoteDns != null && !remoteDns.addrs().isEmpty();
    boolean remoteNx = remoteDns != null && DNS_NXDOMAIN.equals(remoteDns.failure());
    boolean controlAnswered = !controlAddrs.isEmpty();
    String method = Failures.dns(failure);
    String local = "The local resolver (" + resolver + ") gave " + failure + " for " + host;
    if (DNS_NXDOMAIN.equals(failure)) {
      if (DNS_NXDOMAIN.equals(controlFailure) || remoteNx) {
        return Finding.decided(Verdict.TECHNICAL, Methods.TARGET_GONE, Confidence.HIGH,
            local + " and the " + (remoteNx ? "remote vantage" : "control resolver") + " says NXDOMAIN too: the name is gone.", facts);
      }
      if (controlAnswered || remoteAnswered) {
        return Finding.proof(Methods.DNS_NXDOMAIN, Confidence.HIGH,
            local + " while the " + (controlAnswered ? "control resolver answered " + String.join(", ", controlAddrs)
            : "remote vantage answered " + String.join(", ", remoteDns.addrs())) + ".", facts);
      }
      facts.put(Facts.MISSING, List.of(Facts.MISSING_CONTROL_RESOLVER));
      return Finding.decided(Verdict.INCONCLUSIVE, Methods.DNS_NXDOMAIN, Confidence.LOW,
          local + " and the control resolver gave no answer to compare (" + controlFailure + ").", facts);
    }
    if (controls.localResolverDown) {
      return Finding.decided(Verdict.TECHNICAL, Methods.DNS_RESOLVER_DOWN, Confidence.HIGH,
          local + "; it failed the controls' names too while the control resolver answered them.", facts);
    }
    if ((controlAnswered || remoteAnswered) && controls.localResolverWorks) {
      Confidence conf = remoteAnswered ? Confidence.HIGH : Confidence.MEDIUM;
      if (controls.network() != LocalNetwork.UP) conf = lower(conf);
      // SERVFAIL and odd replies also come from broken DNSSEC or lame delegations seen from one resolver only.
      if (method.equals(Methods.DNS_SERVFAIL) || method.equals(Methods.DNS_FAILURE)) conf = lower(conf);
      return Finding.proof(method, conf, local + "; it answered the controls' names, and the "
          + (controlAnswered ? "control resolver" : "remote vantage") + " resolved " + host + ".", facts);
    }
    if (!controlAnswered && controlFailure != null && controlFailure.equals(failure) && controls.controlResolverWorks) {
      return Finding.decided(Verdict.TECHNICAL, Methods.TARGET_DOWN, Confidence.MEDIUM,
          local + " and the control resolver failed the same way while it answered the controls' names: "
          + "the name's own servers are failing.", facts);
    }
    facts.put(Facts.MISSING, List.of(Facts.MISSING_CONTROL_RESOLVER));
    return Finding.decided(Verdict.INCONCLUSIVE, method, Confidence.LOW, local
        + "; the control resolver gave no usable answer to compare.", facts);
  }

  static Confidence lower(Confidence c) {
    return c == Confidence.HIGH ? Confidence.MEDIUM : Confidence.LOW;
  }

  private static boolean tlsProof(EndpointObservations o, String host, Set<String> localAddrs) {
    for (TlsObservation t : Attempts.tls(o.tls())) {
      if (t.ok() && host.equalsIgnoreCase(t.serverName()) && localAddrs.contains(t.address())) return true;
    }
    return false;
  }

  private static DnsOutcome decided(Finding f) {
    return new DnsOutcome(f, Consistency.NOT_APPLICABLE, List.of(), Map.of());
  }

  private static String controlPart(Set<String> controlAddrs) {
    return controlAddrs.isEmpty() ? "" : "; the control resolver answered " + String.join(", ", controlAddrs);
  }

  static Set<String> addresses(List<DnsObservation> obs) {
    Set<String> out = new LinkedHashSet<>();
    for (DnsObservation d : obs) if (d.ok()) out.addAll(d.addresses());
    return out;
  }

  /** The A query's failure first: an AAAA no-answer says less than the A query's failure. */
  private static String firstFailure(List<DnsObservation> obs) {
    String any = null;
    for (DnsObservation d : obs) {
      if (d.failure() == null) continue;
      if ("A".equals(d.queryType())) return d.failure().failure();
      if (any == null) any = d.failure().failure();
    }
    return any;
  }
}
