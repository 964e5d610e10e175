package org.censorprobe.probe.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.measure.dns.DnsProber;

/**
 * Resolves a helper's host name through the probe's own DNS step, so that no lookup ever goes through the JDK's
 * resolver (which the probe does not observe and whose caching it cannot control).
 */
final class ResolverDns implements Dns {
  private final DnsProber dns;

  ResolverDns(DnsProber dns) {
    this.dns = dns;
  }

  @Override
  public List<InetAddress> lookup(String host) throws UnknownHostException {
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) return List.of(literal);
    List<InetAddress> out = dns.resolve(ResolverSpec.SYSTEM, host, 1).stream()
        .flatMap(d -> d.addresses().stream()).map(a -> a.toInetAddress()).toList();
    if (out.isEmpty()) throw new UnknownHostException(host + ": no address from the system resolver");
    return out;
  }
}
