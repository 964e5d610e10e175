package org.censorprobe.probe.cli;

import java.net.InetSocketAddress;
import org.censorprobe.probe.config.IpLiterals;

/** A listener option: {@code 127.0.0.1:19847}, {@code [::1]:19847}, {@code :19847}. IP literals only, never a lookup. */
final class ListenAddress {
  private ListenAddress() {}

  /** @throws IllegalArgumentException naming the option, for a message fit for the command line */
  static InetSocketAddress parse(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) throw new IllegalArgumentException(option + " " + text + ": expected HOST:PORT");
    String host = text.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + text + ": bad port");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException(option + " " + text + ": port out of range");
    if (host.isEmpty()) return new InetSocketAddress(port);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (!IpLiterals.isLiteral(host)) {
      throw new IllegalArgumentException(option + " " + text + ": the host must be an IP address");
    }
    return new InetSocketAddress(IpLiterals.parse(host), port);
  }
}
