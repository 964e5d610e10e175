package org.censorprobe.probe.classify;

import java.util.Collection;
import org.censorprobe.format.helper.RemoteView;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Fact.RemoteOutcome;
import org.censorprobe.format.net.IpPort;

/** What the remote vantage saw for the addresses that failed locally; an absent helper or entry is NOT_MEASURED. */
final class RemoteLookup {
  private RemoteLookup() {}

  static RemoteOutcome tcp(RemoteView r, Collection<IpPort> targets) {
    if (r == null || !r.reachable()) return RemoteOutcome.NOT_MEASURED;
    RemoteOutcome saw = RemoteOutcome.NOT_MEASURED;
    for (IpPort k : targets) {
      RemoteView.Tcp t = r.tcp().get(k);
      if (t == null) continue;
      if (t.ok()) return RemoteOutcome.SUCCEEDED;
      saw = RemoteOutcome.FAILED;
    }
    return saw == RemoteOutcome.NOT_MEASURED ? http(r) : saw;
  }

  static RemoteOutcome tls(RemoteView r, Collection<IpPort> targets) {
    if (r == null || !r.reachable()) return RemoteOutcome.NOT_MEASURED;
    RemoteOutcome saw = RemoteOutcome.NOT_MEASURED;
    for (IpPort k : targets) {
      RemoteView.Tls t = r.tls().get(k);
      if (t == null) continue;
      if (t.ok()) return RemoteOutcome.SUCCEEDED;
      saw = RemoteOutcome.FAILED;
    }
    return saw == RemoteOutcome.NOT_MEASURED ? http(r) : saw;
  }

  /** Only the addresses themselves: for a partial failure, the page loading elsewhere proves nothing about them. */
  static RemoteOutcome addressesOnly(RemoteView r, Collection<IpPort> targets, boolean tls) {
    if (r == null || !r.reachable()) return RemoteOutcome.NOT_MEASURED;
    RemoteOutcome saw = RemoteOutcome.NOT_MEASURED;
    for (IpPort k : targets) {
      Boolean ok = tls ? (r.tls().get(k) == null ? null : r.tls().get(k).ok())
          : (r.tcp().get(k) == null ? null : r.tcp().get(k).ok());
      if (ok == null) continue;
      if (ok) return RemoteOutcome.SUCCEEDED;
      saw = RemoteOutcome.FAILED;
    }
    return saw;
  }

  /** The helper fetched the page and it was not a server error: the target is up from outside. */
  static RemoteOutcome http(RemoteView r) {
    if (r == null || !r.reachable() || r.http() == null) return RemoteOutcome.NOT_MEASURED;
    return r.http().succeeded() ? RemoteOutcome.SUCCEEDED : RemoteOutcome.FAILED;
  }

  /** The {@code helper} fact: who was asked, whether it answered, and what it saw for the deciding step. */
  static Fact.Remote fact(RemoteView r, RemoteOutcome outcome) {
    Integer status = r.reachable() && r.http() != null ? r.http().statusCode() : null;
    return new Fact.Remote(r.helperId(), r.reachable(), r.unreachableReason(), outcome, status, r.dnsAddresses());
  }
}
