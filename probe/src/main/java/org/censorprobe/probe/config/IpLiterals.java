package org.censorprobe.probe.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever touching a resolver (InetAddress.getByName would look names up). */
public final class IpLiterals {
  private IpLiterals() {}

  public static boolean isLiteral(String host) {
    return parse(host) != null;
  }

  /** The address for an IPv4 dotted quad or an IPv6 literal, or null when {@code host} is a name. */
  public static InetAddress parse(String host) {
    if (host == null || host.isEmpty()) return null;
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] bytes = h.indexOf(':') >= 0 ? parseV6(h) : parseV4(h);
    if (bytes == null) return null;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] parseV4(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) return null;
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
      int v = Integer.parseInt(p);
      if (v > 255) return null;
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] parseV6(String h) {
    if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return null;
    // Only hex digits, colons and dots reach here, so the JDK parses it as a literal and never resolves.
    try {
      InetAddress a = InetAddress.getByName(h);
      return a.getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
