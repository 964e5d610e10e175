package org.censorprobe.format.observe;

import java.util.Objects;
import org.censorprobe.format.net.IpAddress;

/**
 * One resource record of an answer: an A/AAAA {@code address} or a CNAME {@code target}. {@code bogon}: the address
 * is in an IANA special-purpose range the probe was not told to treat as ordinary ({@code dns.not_bogons}).
 */
public record DnsAnswer(String name, QueryType type, long ttl, IpAddress address, String target, boolean bogon) {
  public DnsAnswer {
    Objects.requireNonNull(type, "type");
    if (type == QueryType.CNAME ? target == null : address == null) {
      throw new IllegalArgumentException(type + " answer without its data");
    }
  }

  public static DnsAnswer address(String name, long ttl, IpAddress address, boolean bogon) {
    return new DnsAnswer(name, address.family() == IpAddress.Family.IPV4 ? QueryType.A : QueryType.AAAA, ttl,
        address, null, bogon);
  }

  public static DnsAnswer cname(String name, long ttl, String target) {
    return new DnsAnswer(name, QueryType.CNAME, ttl, null, target, false);
  }

  public boolean isAddress() {
    return address != null;
  }

  /** The record's data as written in the wire format's {@code data} field. */
  public String data() {
    return address != null ? address.toString() : target;
  }
}
