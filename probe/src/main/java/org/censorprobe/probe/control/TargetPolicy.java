package org.censorprobe.probe.control;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.measure.dns.BogonRanges;

/**
 * What an internet-facing control-server may be asked to reach. It is an SSRF-shaped service: without this, anyone
 * could make it probe its own loopback, its cloud metadata address or the operator's private network. Only public
 * addresses (not in the IANA special-purpose registries) and allowed ports, unless the operator allow-lists
 * ranges explicitly (the lab does); only so many addresses per request.
 */
public final class TargetPolicy {
  public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

  private final BogonRanges specialPurpose = BogonRanges.excluding(List.of());
  private final List<Cidr> allowedRanges;
  private final Set<Integer> allowedPorts;
  private final int maxAddresses;

  public TargetPolicy(List<Cidr> allowedRanges, Set<Integer> extraPorts, int maxAddresses) {
    this.allowedRanges = List.copyOf(allowedRanges);
    var ports = new java.util.HashSet<>(DEFAULT_PORTS);
    ports.addAll(extraPorts);
    this.allowedPorts = Set.copyOf(ports);
    this.maxAddresses = maxAddresses;
  }

  public boolean portAllowed(int port) {
    return allowedPorts.contains(port);
  }

  public boolean addressAllowed(InetAddress address) {
    for (Cidr c : allowedRanges) if (c.contains(address)) return true;
    return !specialPurpose.isBogon(address);
  }

  public int maxAddresses() {
    return maxAddresses;
  }
}
