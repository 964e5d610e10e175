package org.censorprobe.format.net;

import java.net.InetSocketAddress;
import java.util.Comparator;

/** An address and a port: {@code 192.0.2.1:443}, {@code [2001:db8::1]:443} (the test helper's key form). */
public record IpPort(IpAddress address, int port) implements Comparable<IpPort> {
  private static final Comparator<IpPort> ORDER =
      Comparator.comparing(IpPort::address).thenComparingInt(IpPort::port);

  public IpPort {
    if (address == null) throw new IllegalArgumentException("address is null");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
  }

  /** Parses {@code a.b.c.d:port} or {@code [v6]:port}; throws IllegalArgumentException otherwise. */
  public static IpPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
    String host = text.substring(0, colon);
    if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
      throw new IllegalArgumentException("an IPv6 address needs brackets before a port: " + text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not ADDRESS:PORT: " + text);
    }
    return new IpPort(IpAddress.parse(host), port);
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(address.toInetAddress(), port);
  }

  @Override
  public String toString() {
    return address.forUrl() + ":" + port;
  }

  @Override
  public int compareTo(IpPort o) {
    return ORDER.compare(this, o);
  }
}
