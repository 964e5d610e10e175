package org.censorprobe.probe.classify;

import static org.censorprobe.probe.observe.FailureStrings.ADDRESS_FAMILY_UNSUPPORTED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.TcpObservation;

/**
 * The TCP rows. TCP fails only when no address connected (a browser falls back to the next address).
 * Addresses of a family the probe cannot reach (no IPv6) are not measurements of the target.
 */
final class TcpRules {
  Finding evaluate(EndpointObservations o, RemoteView remote) {
    List<TcpObservation> all = Attempts.tcp(o.tcp());
    if (all.isEmpty()) return null;
    List<TcpObservation> tcp = all.stream()
        .filter(t -> t.ok() || !ADDRESS_FAMILY_UNSUPPORTED.equals(t.failure().failure())).toList();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(Facts.ADDRESSES, all.stream().map(t -> RemoteView.key(t.address(), t.port())).toList());
    if (tcp.isEmpty()) {
      return Finding.decided(Verdict.INCONCLUSIVE, Methods.PROBE_NO_ROUTE, Confidence.LOW,
          "The probe has no route for the address family of " + o.endpoint().host() + "'s addresses.", facts);
    }
    if (tcp.stream().anyMatch(TcpObservation::ok)) return null;
    String failure = tcp.get(0).failure().failure();
    facts.put(Facts.LOCAL_FAILURE, failure);
    List<String> keys = tcp.stream().map(t -> RemoteView.key(t.address(), t.port())).toList();
    return Finding.failure(Failures.tcp(failure), "TCP connect to " + String.join(", ", keys) + " failed ("
        + failure + ")", facts, RemoteLookup.tcp(remote, keys));
  }
}
