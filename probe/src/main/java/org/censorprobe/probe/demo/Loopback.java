package org.censorprobe.probe.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.censorprobe.format.net.IpAddress;

/**
 * The demo's one rule: everything it binds, answers, configures or dials is on loopback (127.0.0.0/8 or ::1).
 * Decided on the address bytes, never by a lookup, so a name can never sneak a real address past the check.
 */
public final class Loopback {
  private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  private Loopback() {}

  public static boolean is(IpAddress address) {
    byte[] b = address.bytes();
    if (b.length == 4) return b[0] == 127;
    if (Arrays.equals(Arrays.copyOf(b, 12), V4_MAPPED_PREFIX)) return b[12] == 127;
    for (int i = 0; i < 15; i++) if (b[i] != 0) return false;
    return b[15] == 1;
  }

  public static boolean is(InetAddress address) {
    return is(IpAddress.of(address));
  }

  /** The address, or a {@link LoopbackViolation} naming {@code what} wanted to use it. */
  public static InetAddress require(InetAddress address, String what) {
    if (!is(address)) throw new LoopbackViolation(what + ": " + address.getHostAddress() + " is not a loopback address");
    return address;
  }

  public static InetSocketAddress require(InetSocketAddress address, String what) {
    if (address.isUnresolved()) {
      throw new LoopbackViolation(what + ": " + address.getHostString() + " is a name, not a loopback address");
    }
    require(address.getAddress(), what);
    return address;
  }

  /** True for an IP literal on loopback; false for a name or any other literal. */
  public static boolean isLiteral(String host) {
    return IpAddress.tryParse(host).map(Loopback::is).orElse(false);
  }
}
