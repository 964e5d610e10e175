package org.censorprobe.probe.classify;

import java.util.List;
import org.censorprobe.format.net.IpPort;

/**
 * Addresses of the user's path that failed while others worked: {@code tcp} could not be connected to, {@code tls}
 * connected but their handshake failed. One good address must not hide blocking of the others.
 */
record PathFailures(List<IpPort> tcp, List<IpPort> tls) {
  static final PathFailures NONE = new PathFailures(List.of(), List.of());

  PathFailures {
    tcp = List.copyOf(tcp);
    tls = List.copyOf(tls);
  }

  boolean any() {
    return !tcp.isEmpty() || !tls.isEmpty();
  }
}
