package org.censorprobe.probe.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.censorprobe.probe.classify.Finding.RemoteSaw;
import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.HttpExchange;

/** The HTTP rows: status 451, blockpage fingerprints, request failures, server errors. */
final class HttpRules {
  static final int STATUS_LEGAL_REASONS = 451;
  static final int FIRST_SERVER_ERROR = 500;
  private final Fingerprints fingerprints;

  HttpRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  Finding evaluate(EndpointObservations o, RemoteView remote) {
    if (o.endpoint().kind() != Endpoint.Kind.URL) return null;
    List<HttpExchange> chain = Attempts.http(o.http());
    if (chain.isEmpty()) return null;
    for (HttpExchange h : chain) {
      if (h.statusCode() == STATUS_LEGAL_REASONS) {
        return Finding.proof(Methods.HTTP_STATUS_451, Confidence.HIGH, h.url() + " answered HTTP 451 "
            + "(Unavailable For Legal Reasons).", facts(h));
      }
      Optional<Fingerprint> f = fingerprints.blockpage(h);
      if (f.isPresent()) {
        Map<String, Object> facts = facts(h);
        facts.put(Facts.BLOCKPAGE_FINGERPRINT, f.get().id());
        return Finding.proof(Methods.HTTP_BLOCKPAGE, Confidence.HIGH, h.url() + " answered with a blockpage "
            + "matching fingerprint " + f.get().id() + (h.title() == null ? "" : " (title '" + h.title() + "')")
            + ".", facts);
      }
    }
    HttpExchange last = chain.get(chain.size() - 1);
    if (!last.ok()) {
      Map<String, Object> facts = facts(last);
      facts.put(Facts.LOCAL_FAILURE, last.failure().failure());
      return Finding.failure(Failures.http(last.failure().failure()), "The HTTP request to " + last.url()
          + " failed (" + last.failure().failure() + ") after the connection was established", facts,
          RemoteLookup.http(remote));
    }
    if (last.statusCode() >= FIRST_SERVER_ERROR) {
      Map<String, Object> facts = facts(last);
      RemoteSaw saw = RemoteLookup.http(remote);
      String what = last.url() + " answered HTTP " + last.statusCode();
      if (saw == RemoteSaw.SUCCEEDED) {
        facts.put(Facts.REMOTE_STATUS_CODE, remote.http().statusCode());
        return Finding.decided(Verdict.INCONCLUSIVE, Methods.HTTP_SERVER_ERROR, Confidence.LOW, what
            + " while the remote vantage got HTTP " + remote.http().statusCode()
            + "; no blockpage fingerprint matched, so the page cannot be called a blockpage.", facts);
      }
      return Finding.decided(Verdict.TECHNICAL, Methods.HTTP_SERVER_ERROR,
          saw == RemoteSaw.FAILED ? Confidence.HIGH : Confidence.MEDIUM,
          what + (saw == RemoteSaw.FAILED ? "; the remote vantage failed too." : ", a server error."), facts);
    }
    return null;
  }

  private static Map<String, Object> facts(HttpExchange h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(Facts.URL, h.url());
    if (h.address() != null) m.put(Facts.ADDRESS, h.address());
    m.put(Facts.STATUS_CODE, h.statusCode());
    if (h.title() != null) m.put(Facts.TITLE, h.title());
    return m;
  }
}
