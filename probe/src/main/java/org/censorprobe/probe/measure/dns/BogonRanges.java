package org.censorprobe.probe.measure.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.censorprobe.probe.config.Cidr;

/**
 * IANA special-purpose ranges (v4 and v6) minus what the config declares ordinary ({@code dns.not_bogons}).
 *
 * <p>Rule: an address is a bogon when the IANA special-purpose registries (iana-ipv4-special-registry,
 * iana-ipv6-special-registry, checked 2026) say "Globally Reachable: False" or "N/A" (deprecated blocks such as
 * 6to4 relay anycast, ORCHID, Teredo), plus multicast, class E and deprecated site-local. The registry's
 * globally reachable sub-blocks inside a bogon block (PCP/TURN anycast in 192.0.0.0/24 and 2001:1::/48, AMT,
 * AS112, ORCHIDv2, drone DETs) are NOT bogons: real services answer there, and a false bogon flag could turn
 * into a false "blocked". Addresses that embed an IPv4 address in the well-known NAT64 prefix 64:ff9b::/96 are
 * judged by the embedded address (a DNS64 resolver legitimately answers with them).
 */
public final class BogonRanges {
  private static final List<Block> SPECIAL_PURPOSE = blocks(
      // IPv4 (RFC 6890 and successors)
      "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
      "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
      "198.51.100.0/24", "203.0.113.0/24",
      "224.0.0.0/4", // multicast: never a unicast server address
      "240.0.0.0/4", // reserved, includes 255.255.255.255/32 (limited broadcast)
      // IPv6
      "::/96", // unspecified ::/128, loopback ::1/128 and the deprecated IPv4-compatible addresses
      "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23", // 2001::/23 includes Teredo 2001::/32
      "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10",
      "fec0::/10", // deprecated site-local
      "ff00::/8");

  /** Registry entries marked globally reachable that sit inside a block above. */
  private static final List<Block> GLOBALLY_REACHABLE = blocks(
      "192.0.0.9/32", "192.0.0.10/32", // PCP anycast, TURN anycast
      "192.88.99.2/32", // 6a44 relay anycast
      "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", // PCP, TURN, DNS-SD SRP anycast
      "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28"); // AMT, AS112-v6, ORCHIDv2, DETs

  private static final Block NAT64_WELL_KNOWN = Block.parse("64:ff9b::/96");

  private final List<Cidr> notBogons;

  private BogonRanges(List<Cidr> notBogons) {
    this.notBogons = List.copyOf(notBogons);
  }

  public static BogonRanges excluding(List<Cidr> notBogons) {
    return new BogonRanges(notBogons);
  }

  public boolean isBogon(InetAddress address) {
    return isBogon(address.getAddress());
  }

  /**
   * The same test on raw bytes (4 or 16). The prober passes an AAAA record's bytes here because the JDK turns an
   * IPv4-mapped IPv6 address (::ffff:a.b.c.d) into a plain Inet4Address, which would hide that a AAAA answer
   * carried a mapped address: those are never valid on the wire (RFC 4291) and the registry lists ::ffff:0:0/96
   * as not globally reachable, so they are bogons whatever IPv4 address they embed.
   */
  public boolean isBogon(byte[] address) {
    if (address.length != 4 && address.length != 16) return false;
    if (declaredOrdinary(address)) return false;
    if (isV4Mapped(address)) return true;
    if (NAT64_WELL_KNOWN.contains(address)) return isBogon(java.util.Arrays.copyOfRange(address, 12, 16));
    for (Block b : GLOBALLY_REACHABLE) if (b.contains(address)) return false;
    for (Block b : SPECIAL_PURPOSE) if (b.contains(address)) return true;
    return false;
  }

  private boolean declaredOrdinary(byte[] address) {
    if (notBogons.isEmpty()) return false;
    InetAddress a;
    try {
      a = InetAddress.getByAddress(address); // bytes only: never a lookup
    } catch (UnknownHostException e) {
      return false;
    }
    for (Cidr c : notBogons) if (c.contains(a)) return true;
    return false;
  }

  private static boolean isV4Mapped(byte[] a) {
    if (a.length != 16) return false;
    for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static List<Block> blocks(String... cidrs) {
    return java.util.Arrays.stream(cidrs).map(Block::parse).toList();
  }

  /** A prefix on raw bytes: {@link Cidr} goes through InetAddress, which folds mapped IPv6 into IPv4. */
  private record Block(byte[] prefix, int bits) {
    static Block parse(String text) {
      Cidr c = Cidr.parse(text);
      byte[] p = c.network().getAddress();
      if (text.indexOf(':') >= 0 && c.network() instanceof Inet4Address) {
        throw new IllegalArgumentException("IPv6 block folded into IPv4: " + text);
      }
      return new Block(p, c.prefixLength());
    }

    boolean contains(byte[] a) {
      if (a.length != prefix.length) return false;
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (a[i] != prefix[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (prefix[full] & mask);
    }
  }
}
