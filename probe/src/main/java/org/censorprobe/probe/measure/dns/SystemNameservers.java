package org.censorprobe.probe.measure.dns;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** The nameservers of the system resolver, read from resolv.conf (never through the JDK's resolver). */
public final class SystemNameservers {
  private SystemNameservers() {}

  public static List<InetSocketAddress> fromResolvConf(Path resolvConf) {
    throw new UnsupportedOperationException("TODO(dns helper)");
  }
}
