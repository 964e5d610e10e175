package org.censorprobe.probe.config;

import java.net.InetAddress;
import org.censorprobe.format.net.IpAddress;

/**
 * IP literals as the JDK's socket API wants them, parsed by the house's one parser ({@link IpAddress}), which never
 * touches a resolver (InetAddress.getByName would look names up).
 */
public final class IpLiterals {
  private IpLiterals() {}

  public static boolean isLiteral(String host) {
    return IpAddress.isLiteral(host);
  }

  /** The address for an IPv4 dotted quad or an IPv6 literal, or null when {@code host} is a name. */
  public static InetAddress parse(String host) {
    return IpAddress.tryParse(host).map(IpAddress::toInetAddress).orElse(null);
  }
}
