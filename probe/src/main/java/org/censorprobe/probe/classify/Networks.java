package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The coarse networks (IPv4 /16, IPv6 /32) a finding's addresses are in. Without an ASN database this is how
 * the cross-platform rule tells unrelated platforms from one provider's outage (Facebook and Instagram share
 * Meta's 157.240.0.0/16: both failing together says nothing about censorship).
 */
final class Networks {
  private Networks() {}

  static Set<String> of(Finding f) {
    List<String> addrs = new ArrayList<>();
    Object many = f.facts().get(Facts.ADDRESSES);
    if (many instanceof List<?> l) for (Object o : l) addrs.add(String.valueOf(o));
    Object one = f.facts().get(Facts.ADDRESS);
    if (one != null) addrs.add(String.valueOf(one));
    Set<String> out = new LinkedHashSet<>();
    for (String a : addrs) out.add(prefix(stripPort(a)));
    return out;
  }

  static String stripPort(String a) {
    if (a.startsWith("[")) return a.substring(1, Math.max(1, a.indexOf(']')));
    int colon = a.indexOf(':');
    return colon > 0 && a.indexOf(':', colon + 1) < 0 ? a.substring(0, colon) : a;
  }

  static String prefix(String ip) {
    if (ip.indexOf(':') >= 0) {
      String[] g = ip.split(":", -1);
      return g.length >= 2 ? g[0] + ":" + g[1] + "::/32" : ip;
    }
    String[] o = ip.split("\\.");
    return o.length == 4 ? o[0] + "." + o[1] + ".0.0/16" : ip;
  }
}
