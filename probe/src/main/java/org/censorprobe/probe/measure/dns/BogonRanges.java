package org.censorprobe.probe.measure.dns;

import java.net.InetAddress;
import java.util.List;
import org.censorprobe.probe.config.Cidr;

/** IANA special-purpose ranges (v4 and v6) minus what the config declares ordinary ({@code dns.not_bogons}). */
public final class BogonRanges {
  // TODO(dns helper): the full IANA special-purpose registries.
  private final List<Cidr> notBogons;

  private BogonRanges(List<Cidr> notBogons) {
    this.notBogons = List.copyOf(notBogons);
  }

  public static BogonRanges excluding(List<Cidr> notBogons) {
    return new BogonRanges(notBogons);
  }

  public boolean isBogon(InetAddress address) {
    for (Cidr c : notBogons) if (c.contains(address)) return false;
    return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
        || address.isLinkLocalAddress() || address.isMulticastAddress();
  }
}
