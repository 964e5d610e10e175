package org.censorprobe.probe.classify;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.censorprobe.probe.classify.Finding.RemoteSaw;

/** What the remote vantage saw for the addresses that failed locally. Absent helper or no entry: UNKNOWN. */
final class RemoteLookup {
  private RemoteLookup() {}

  static RemoteSaw tcp(RemoteView r, Collection<String> keys) {
    if (r == null || !r.reachable()) return RemoteSaw.UNKNOWN;
    RemoteSaw saw = RemoteSaw.UNKNOWN;
    for (String k : keys) {
      RemoteView.Tcp t = r.tcp().get(k);
      if (t == null) continue;
      if (t.ok()) return RemoteSaw.SUCCEEDED;
      saw = RemoteSaw.FAILED;
    }
    return saw == RemoteSaw.UNKNOWN ? http(r) : saw;
  }

  static RemoteSaw tls(RemoteView r, Collection<String> keys) {
    if (r == null || !r.reachable()) return RemoteSaw.UNKNOWN;
    RemoteSaw saw = RemoteSaw.UNKNOWN;
    for (String k : keys) {
      RemoteView.Tls t = r.tls().get(k);
      if (t == null) continue;
      if (t.ok()) return RemoteSaw.SUCCEEDED;
      saw = RemoteSaw.FAILED;
    }
    return saw == RemoteSaw.UNKNOWN ? http(r) : saw;
  }

  /** The helper fetched the page: the target is up from outside. */
  static RemoteSaw http(RemoteView r) {
    if (r == null || !r.reachable() || r.http() == null) return RemoteSaw.UNKNOWN;
    RemoteView.Http h = r.http();
    if (h.failure() == null && h.statusCode() > 0 && h.statusCode() < 500) return RemoteSaw.SUCCEEDED;
    return RemoteSaw.FAILED;
  }

  /** The {@code helper} fact. */
  static Object fact(RemoteView r) {
    if (r == null) return "none";
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.helperId());
    m.put("reachable", r.reachable());
    if (!r.reachable() && r.unreachableReason() != null) m.put("reason", r.unreachableReason());
    return m;
  }
}
