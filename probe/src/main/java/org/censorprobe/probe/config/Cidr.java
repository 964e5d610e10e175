package org.censorprobe.probe.config;

import java.net.InetAddress;

/** An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public record Cidr(InetAddress network, int prefixLength) {

  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected ADDRESS/PREFIX)");
    InetAddress net = IpLiterals.parse(text.substring(0, slash));
    if (net == null) throw new IllegalArgumentException("'" + text.substring(0, slash) + "' is not an IP address");
    int bits = net.getAddress().length * 8;
    int len;
    try {
      len = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has a non-numeric prefix length");
    }
    if (len < 0 || len > bits) {
      throw new IllegalArgumentException("prefix length " + len + " out of range (0-" + bits + ")");
    }
    return new Cidr(net, len);
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) return false;
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) if (a[i] != n[i]) return false;
    int rest = prefixLength % 8;
    if (rest == 0) return true;
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (n[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
