package org.censorprobe.probe.config;

import java.net.URI;

/**
 * A DNS resolver to ask. {@code SYSTEM} is the one {@code /etc/resolv.conf} names; the others carry their address
 * in {@code uri}: {@code udp://1.1.1.1:53}, {@code tcp://9.9.9.9:53}, {@code https://dns.google/dns-query}.
 */
public record ResolverSpec(Transport transport, URI uri) {
  public enum Transport { SYSTEM, UDP, TCP, DOH }

  public static final ResolverSpec SYSTEM = new ResolverSpec(Transport.SYSTEM, URI.create("system:default"));

  /** The name written in observations: {@code system} or the URI as configured. */
  public String label() {
    return transport == Transport.SYSTEM ? "system" : uri.toString();
  }
}
