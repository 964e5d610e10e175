package org.censorprobe.probe.privacy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.censorprobe.format.net.IpAddress;

/**
 * The probe's own addresses, which no record may carry in its free text: its interfaces' addresses (read again at
 * every call, since DHCP and mobile links renumber), addresses given explicitly, and the public address the remote
 * vantage saw it at ({@link #learn}), which is kept in memory only.
 *
 * <p>Loopback, link-local, wildcard and multicast addresses are not the person's: every machine has them, and a
 * page that mentions 127.0.0.1 betrays nobody. Private addresses (a home LAN's 192.168.1.23, a carrier's
 * 100.64.x.y) are kept: with the network's name they can point at a household.
 */
public final class OwnAddresses {
  /** A public address changes now and then; a few recent ones are enough, and a bad helper cannot grow the set. */
  static final int MAX_LEARNED = 16;

  private final Supplier<Set<IpAddress>> interfaces;
  private final Set<IpAddress> given;
  private final LinkedHashSet<IpAddress> learned = new LinkedHashSet<>();

  private OwnAddresses(Supplier<Set<IpAddress>> interfaces, Set<IpAddress> given) {
    this.interfaces = interfaces;
    this.given = Set.copyOf(given);
  }

  /** This machine's interfaces. */
  public static OwnAddresses ofThisMachine() {
    return new OwnAddresses(OwnAddresses::interfaceAddresses, Set.of());
  }

  /** Exactly these (tests: a loopback peer's 127.0.0.1 standing in for the probe's address). */
  public static OwnAddresses of(Collection<IpAddress> addresses) {
    return new OwnAddresses(Set::of, Set.copyOf(addresses));
  }

  /** The same, and these too, whatever they are. */
  public OwnAddresses with(Collection<IpAddress> more) {
    Set<IpAddress> all = new HashSet<>(given);
    all.addAll(more);
    return new OwnAddresses(interfaces, all);
  }

  /**
   * The address a remote vantage saw this probe at (its public address, behind any NAT). Ignored when it is not a
   * personal address: a helper on the same machine sees loopback.
   */
  public synchronized void learn(IpAddress publicAddress) {
    if (!personal(publicAddress.toInetAddress())) return;
    learned.remove(publicAddress);
    learned.add(publicAddress);
    if (learned.size() > MAX_LEARNED) {
      Iterator<IpAddress> oldest = learned.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  public synchronized Set<IpAddress> current() {
    Set<IpAddress> all = new HashSet<>(interfaces.get());
    all.addAll(given);
    all.addAll(learned);
    return Collections.unmodifiableSet(all);
  }

  static boolean personal(InetAddress a) {
    return !(a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress());
  }

  private static Set<IpAddress> interfaceAddresses() {
    Set<IpAddress> out = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (personal(a)) out.add(IpAddress.of(a));
        }
      }
    } catch (SocketException e) {
      // No list of interfaces (a sandbox without /proc/net): the explicit and learned addresses still apply.
    }
    return out;
  }
}
