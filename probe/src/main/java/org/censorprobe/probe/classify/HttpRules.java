package org.censorprobe.probe.classify;

import java.util.List;
import java.util.Optional;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Fact.RemoteOutcome;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * The HTTP rows: status 451, blockpage fingerprints, request failures, server errors. A response over HTTPS came
 * over a connection whose chain validated for its host (the HTTP client refuses any other), so it came from the
 * site itself or its CDN: neither a 451 nor a page that looks like a blockpage is then the network's doing.
 */
final class HttpRules {
  static final int STATUS_LEGAL_REASONS = 451;
  static final int FIRST_SERVER_ERROR = 500;
  private final Fingerprints fingerprints;

  HttpRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  Finding evaluate(EndpointView v) {
    if (v.endpoint.kind() != Endpoint.Kind.URL || v.chain.isEmpty()) return null;
    for (HttpExchange h : v.chain) {
      boolean origin = h.isHttps() && h.statusCode() > 0;
      if (h.statusCode() == STATUS_LEGAL_REASONS) {
        if (origin) return Finding.decided(Verdict.TECHNICAL, Method.TARGET_GEOBLOCKED, Confidence.HIGH, facts(h));
        return Finding.proof(Method.HTTP_STATUS_451, Confidence.MEDIUM, facts(h));
      }
      Optional<Fingerprint> f = fingerprints.blockpage(h);
      if (f.isPresent()) {
        List<Fact> facts = List.of(response(h), new Fact.Blockpage(f.get().id()));
        if (origin) return Finding.decided(Verdict.INCONCLUSIVE, Method.HTTP_BLOCKPAGE, Confidence.LOW, facts);
        return Finding.proof(Method.HTTP_BLOCKPAGE, Confidence.HIGH, facts);
      }
    }
    HttpExchange last = v.lastHop();
    if (!last.ok()) {
      return Finding.failure(MethodOf.http(last.failure().type()),
          List.of(new Fact.HttpFailure(last.url(), last.address(), last.failure().type())),
          RemoteLookup.http(v.remote));
    }
    if (last.statusCode() >= FIRST_SERVER_ERROR) {
      RemoteOutcome saw = RemoteLookup.http(v.remote);
      if (saw == RemoteOutcome.SUCCEEDED) {
        // No blockpage fingerprint matched, so the page cannot be called a blockpage.
        return Finding.decided(Verdict.INCONCLUSIVE, Method.HTTP_SERVER_ERROR, Confidence.LOW, facts(last))
            .with(RemoteLookup.fact(v.remote, saw));
      }
      Finding f = Finding.decided(Verdict.TECHNICAL, Method.HTTP_SERVER_ERROR,
          saw == RemoteOutcome.FAILED ? Confidence.HIGH : Confidence.MEDIUM, facts(last));
      return v.remote == null ? f : f.with(RemoteLookup.fact(v.remote, saw));
    }
    return null;
  }

  static Fact.HttpResponse response(HttpExchange h) {
    return new Fact.HttpResponse(h.url(), h.address(), h.statusCode(), h.title(), h.isHttps(),
        h.isHttps() && h.statusCode() > 0);
  }

  private static List<Fact> facts(HttpExchange h) {
    return List.of(response(h));
  }
}
