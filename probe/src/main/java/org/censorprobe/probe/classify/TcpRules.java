package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.ADDRESS_FAMILY_UNSUPPORTED;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.TcpObservation;

/**
 * The TCP rows, over the user's path. TCP fails only when no address of the path connected (a browser falls back
 * to the next address); addresses that failed while others worked are kept for the partial rule. An address of a
 * family the probe cannot reach (no IPv6 at all: not one IPv6 connect worked in the round) is not a measurement of
 * the target.
 */
final class TcpRules {
  record Result(Finding finding, List<IpPort> connected, List<IpPort> failed, Fact.Connects fact) {}

  Result evaluate(EndpointView v, RoundState round) {
    List<Fact.Connect> all = new ArrayList<>();
    List<IpPort> connected = new ArrayList<>();
    List<TcpObservation> failed = new ArrayList<>();
    int excluded = 0;
    for (IpPort t : v.pathTargets()) {
      TcpObservation c = v.tcp.get(t);
      if (c == null) continue; // not dialled (the per-endpoint address cap)
      all.add(new Fact.Connect(t, c.ok() ? null : c.failure().type()));
      if (c.ok()) {
        connected.add(t);
      } else if (c.failure().type() == ADDRESS_FAMILY_UNSUPPORTED
          || t.address().family() == IpAddress.Family.IPV6 && !round.ipv6Works) {
        excluded++;
      } else {
        failed.add(c);
      }
    }
    if (all.isEmpty()) return new Result(null, List.of(), List.of(), null);
    Fact.Connects fact = new Fact.Connects(all);
    List<IpPort> failedTargets = failed.stream().map(TcpObservation::target).toList();
    if (connected.isEmpty() && failed.isEmpty() && excluded > 0) {
      return new Result(Finding.decided(Verdict.INCONCLUSIVE, Method.PROBE_NO_ROUTE, Confidence.LOW,
          List.of(fact)), List.of(), List.of(), fact);
    }
    if (connected.isEmpty()) {
      Finding f = Finding.failure(MethodOf.tcp(failed.get(0).failure().type()), List.of(fact),
          RemoteLookup.tcp(v.remote, failedTargets));
      return new Result(f, List.of(), failedTargets, fact);
    }
    return new Result(null, connected, failedTargets, fact);
  }
}
