package org.censorprobe.probe.demo;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's censor: what it does to which names right now. It sits where a real one sits: in the ISP's resolver
 * (NXDOMAIN for a name) and on the path (a reset when a ClientHello names a host; an injected blockpage in place
 * of a plain-HTTP answer). The control resolver and the remote vantage's resolver are out of its reach, as they
 * are meant to be in a real deployment. Starts doing nothing.
 */
final class Censor {
  /** What is in force: lower-case host names per act. Immutable; replaced whole on every change. */
  record Rules(Set<String> nxdomain, Set<String> sniReset, Set<String> blockpage) {
    Rules {
      nxdomain = Set.copyOf(nxdomain);
      sniReset = Set.copyOf(sniReset);
      blockpage = Set.copyOf(blockpage);
    }

    static final Rules NONE = new Rules(Set.of(), Set.of(), Set.of());
  }

  private final AtomicReference<Rules> rules = new AtomicReference<>(Rules.NONE);

  Rules rules() {
    return rules.get();
  }

  void nxdomain(String host) {
    rules.updateAndGet(r -> new Rules(with(r.nxdomain(), host), r.sniReset(), r.blockpage()));
  }

  void resetSni(String host) {
    rules.updateAndGet(r -> new Rules(r.nxdomain(), with(r.sniReset(), host), r.blockpage()));
  }

  void blockpage(String host) {
    rules.updateAndGet(r -> new Rules(r.nxdomain(), r.sniReset(), with(r.blockpage(), host)));
  }

  boolean nxdomainFor(String host) {
    return host != null && rules.get().nxdomain().contains(host);
  }

  boolean resetsSni(String serverName) {
    return serverName != null && rules.get().sniReset().contains(serverName);
  }

  boolean blockpageFor(String host) {
    return host != null && rules.get().blockpage().contains(host);
  }

  private static Set<String> with(Set<String> s, String host) {
    Set<String> out = new HashSet<>(s);
    out.add(host);
    return out;
  }
}
