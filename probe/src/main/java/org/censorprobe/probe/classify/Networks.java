package org.censorprobe.probe.classify;

import java.util.Set;
import java.util.TreeSet;
import org.censorprobe.format.net.IpAddress;

/**
 * The coarse networks (IPv4 /16, IPv6 /32) of an endpoint's path. Without an ASN database this is how the
 * cross-platform rule tells unrelated platforms from one provider's outage (Facebook and Instagram share Meta's
 * 157.240.0.0/16: both failing together says nothing about censorship).
 */
final class Networks {
  private Networks() {}

  static Set<String> of(EndpointView v) {
    Set<String> out = new TreeSet<>();
    for (IpAddress a : v.pathAddresses) out.add(prefix(a));
    return out;
  }

  static String prefix(IpAddress a) {
    byte[] b = a.bytes();
    if (b.length == 4) return (b[0] & 0xff) + "." + (b[1] & 0xff) + ".0.0/16";
    byte[] p = new byte[16];
    System.arraycopy(b, 0, p, 0, 4);
    return IpAddress.of(p) + "/32";
  }
}
