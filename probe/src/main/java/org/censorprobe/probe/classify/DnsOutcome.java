package org.censorprobe.probe.classify;

import java.util.List;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.net.IpAddress;

/**
 * The DNS layer's result: a finding that decides the endpoint (null: DNS is not what decides), the consistency of
 * the system resolver's answer with the healthy witnesses', and the DNS facts every later finding carries.
 */
record DnsOutcome(Finding finding, Fact.Consistency consistency, List<IpAddress> witnessAddresses, List<Fact> facts) {
  static final DnsOutcome NOT_APPLICABLE = new DnsOutcome(null, null, List.of(), List.of());
}
