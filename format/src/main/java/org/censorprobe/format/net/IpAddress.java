package org.censorprobe.format.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address, the one address type of the house. Its text is canonical: IPv4 dotted quad, IPv6 in RFC 5952
 * form (lower case, longest zero run as {@code ::}, IPv4-mapped as {@code ::ffff:a.b.c.d}). Equality is on the
 * bytes, so two spellings of one address are one value; comparing addresses as text was how a validated
 * handshake on an IPv6 answer once failed to count as proof of that answer.
 *
 * <p>Parsing never resolves a name: a string that is not a literal is rejected.
 */
public final class IpAddress implements Comparable<IpAddress> {
  public enum Family { IPV4, IPV6 }

  private final byte[] bytes;
  private final String text;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
    this.text = format(bytes);
  }

  public static IpAddress of(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("not an IP address: " + bytes.length + " bytes");
    }
    return new IpAddress(bytes.clone());
  }

  public static IpAddress of(InetAddress address) {
    return new IpAddress(address.getAddress());
  }

  /** Parses an IPv4 or IPv6 literal (brackets allowed); throws IllegalArgumentException for anything else. */
  public static IpAddress parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + text));
  }

  /** The address, or empty when {@code text} is not an IP literal (a host name, say). */
  public static Optional<IpAddress> tryParse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    String h = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    byte[] b = h.indexOf(':') >= 0 ? parseV6(h) : parseV4(h);
    return b == null ? Optional.empty() : Optional.of(new IpAddress(b));
  }

  public static boolean isLiteral(String text) {
    return tryParse(text).isPresent();
  }

  public Family family() {
    return bytes.length == 4 ? Family.IPV4 : Family.IPV6;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /** The text for a URL's authority or a host:port pair: IPv6 in brackets. */
  public String forUrl() {
    return bytes.length == 16 ? "[" + text + "]" : text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** IPv4 before IPv6, then by value: a total order that no spelling can change. */
  @Override
  public int compareTo(IpAddress o) {
    if (bytes.length != o.bytes.length) return Integer.compare(bytes.length, o.bytes.length);
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  private static byte[] parseV4(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) return null;
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
      int v = Integer.parseInt(p);
      if (v > 255) return null;
      out[i] = (byte) v;
    }
    return out;
  }

  /** RFC 4291 section 2.2 text forms, with an optional trailing dotted quad; no zone ids. */
  private static byte[] parseV6(String h) {
    int dbl = h.indexOf("::");
    if (dbl >= 0 && h.indexOf("::", dbl + 1) >= 0) return null;
    String head = dbl >= 0 ? h.substring(0, dbl) : h;
    String tail = dbl >= 0 ? h.substring(dbl + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) return null;
    int total = headGroups.length + tailGroups.length;
    if (dbl < 0 && total != 8 || dbl >= 0 && total > 7) return null;
    int[] all = new int[8];
    System.arraycopy(headGroups, 0, all, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (all[i] >>> 8);
      out[2 * i + 1] = (byte) all[i];
    }
    return out;
  }

  /** Colon-separated hex groups; a dotted quad may end the last part and counts as two groups. */
  private static int[] groups(String part) {
    if (part.isEmpty()) return new int[0];
    String[] g = part.split(":", -1);
    int n = g.length;
    boolean quad = g[n - 1].indexOf('.') >= 0;
    int[] out = new int[quad ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String s = g[i];
      if (quad && i == n - 1) {
        byte[] v4 = parseV4(s);
        if (v4 == null) return null;
        out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        continue;
      }
      if (s.isEmpty() || s.length() > 4) return null;
      int v = 0;
      for (int k = 0; k < s.length(); k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) return null;
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }

  private static String format(byte[] a) {
    if (a.length == 4) return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff;
    if (mapped) return "::ffff:" + format(Arrays.copyOfRange(a, 12, 16));
    // RFC 5952 4.2: the longest run of two or more zero groups becomes "::", the first one on a tie.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder s = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }
}
