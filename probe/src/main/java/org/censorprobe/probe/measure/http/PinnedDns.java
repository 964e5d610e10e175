package org.censorprobe.probe.measure.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Dns;

/**
 * okhttp's name lookup for one fetch: answers only with addresses the measurement already has, so okhttp never
 * reaches the system resolver (whose answer would be the censor's, unrecorded). A host not pinned is unknown.
 */
final class PinnedDns implements Dns {
  private final Map<String, List<InetAddress>> pinned = new ConcurrentHashMap<>();

  void pin(String host, List<InetAddress> addresses) {
    pinned.put(key(host), List.copyOf(addresses));
  }

  boolean has(String host) {
    return pinned.containsKey(key(host));
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = pinned.get(key(hostname));
    if (addresses == null || addresses.isEmpty()) {
      throw new UnknownHostException("no pinned address for " + hostname);
    }
    return addresses;
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
