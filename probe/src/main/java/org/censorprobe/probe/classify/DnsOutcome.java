package org.censorprobe.probe.classify;

import java.util.List;
import java.util.Map;

/**
 * The DNS layer's result: a decided {@code finding} (the DNS rows of the table), or no finding and the
 * consistency of the local answers with the control's, which later layers need.
 */
record DnsOutcome(Finding finding, Consistency consistency, List<String> localAddresses, Map<String, Object> facts) {
  enum Consistency { NOT_APPLICABLE, CONSISTENT, INCONSISTENT, UNKNOWN }

  DnsOutcome {
    localAddresses = List.copyOf(localAddresses);
    facts = Map.copyOf(facts);
  }
}
