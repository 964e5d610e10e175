package org.censorprobe.probe.classify;

import static org.censorprobe.probe.observe.FailureStrings.SSL_INVALID_CERTIFICATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.censorprobe.probe.classify.Finding.RemoteSaw;
import org.censorprobe.probe.observe.CertificateInfo;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.TlsObservation;

/** The TLS rows: interception, SNI filtering (via the SNI swap), handshake failures, server certificates. */
final class TlsRules {
  private final Fingerprints fingerprints;

  TlsRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  Finding evaluate(EndpointObservations o, RemoteView remote) {
    if (!o.endpoint().needsTls()) return null;
    List<TlsObservation> tls = Attempts.tls(o.tls());
    if (tls.isEmpty()) return null;
    String host = o.endpoint().host();

    // tls.interception: a fingerprinted issuer anywhere in the chain, whether or not the probe trusts it.
    for (TlsObservation t : tls) {
      for (CertificateInfo c : t.chain()) {
        Optional<Fingerprint> f = fingerprints.interceptionIssuer(c);
        if (f.isPresent()) {
          Map<String, Object> facts = base(t);
          facts.put(Facts.ISSUER, c.issuer());
          facts.put(Facts.SUBJECT, c.subject());
          facts.put(Facts.FINGERPRINT, f.get().id());
          return Finding.proof(Methods.TLS_INTERCEPTION, Confidence.HIGH, "The TLS handshake with " + t.address()
              + " for " + host + " presented a certificate chain from the interception authority '" + c.issuer()
              + "' (" + f.get().id() + ").", facts);
        }
      }
    }
    if (tls.stream().anyMatch(TlsObservation::ok)) return null;

    TlsObservation completed = tls.stream().filter(TlsObservation::handshakeOk).findFirst().orElse(null);
    if (completed != null) return certificate(completed, host, remote);

    // Every handshake failed: the SNI swap to the same address tells SNI filtering from IP-level trouble.
    List<TlsObservation> swaps = Attempts.tls(o.sniSwap());
    TlsObservation first = tls.get(0);
    for (TlsObservation t : tls) {
      TlsObservation swap = swaps.stream()
          .filter(s -> s.address().equals(t.address()) && s.port() == t.port()).findFirst().orElse(null);
      if (swap == null || !Failures.interferenceShaped(t.failure().failure())) continue;
      Map<String, Object> facts = base(t);
      facts.put(Facts.LOCAL_FAILURE, t.failure().failure());
      facts.put(Facts.SNI_SWAP, swapFact(swap));
      if (swap.handshakeOk()) {
        return Finding.proof(Methods.TLS_SNI_FILTERED, Confidence.HIGH, handshake(t, host) + " ("
            + t.failure().failure() + "); the same address completed a handshake for SNI " + swap.serverName() + ".", facts);
      }
      if (Failures.tlsPeerAnswered(swap.failure().failure())) {
        return Finding.proof(Methods.TLS_SNI_FILTERED, Confidence.MEDIUM, handshake(t, host) + " ("
            + t.failure().failure() + "); the same address answered SNI " + swap.serverName() + " with a TLS "
            + "alert (" + swap.failure().failure() + "), so a TLS server is alive there.", facts);
      }
    }
    Map<String, Object> facts = base(first);
    facts.put(Facts.LOCAL_FAILURE, first.failure().failure());
    TlsObservation swap = swaps.stream().filter(s -> s.address().equals(first.address())).findFirst().orElse(null);
    facts.put(Facts.SNI_SWAP, swap == null ? "not_run" : swapFact(swap));
    String swapPart = swap == null ? "; no SNI swap was run" : "; the SNI swap to " + swap.serverName()
        + " failed too (" + swap.failure().failure() + "), an IP-level or server fault";
    List<String> keys = tls.stream().map(t -> RemoteView.key(t.address(), t.port())).toList();
    return Finding.failure(Failures.tls(first.failure().failure()), handshake(first, host) + " ("
        + first.failure().failure() + ")" + swapPart, facts, RemoteLookup.tls(remote, keys));
  }

  private Finding certificate(TlsObservation t, String host, RemoteView remote) {
    Map<String, Object> facts = base(t);
    String vf = t.validationFailure().failure();
    facts.put(Facts.VALIDATION_FAILURE, vf);
    if (!t.chain().isEmpty()) {
      facts.put(Facts.ISSUER, t.chain().get(0).issuer());
      facts.put(Facts.SUBJECT, t.chain().get(0).subject());
    }
    String what = "The certificate " + t.address() + " presented for " + host + " failed validation (" + vf + ")";
    RemoteSaw saw = RemoteLookup.tls(remote, List.of(RemoteView.key(t.address(), t.port())));
    if (saw == RemoteSaw.SUCCEEDED) {
      return Finding.proof(Methods.TLS_INTERCEPTION, Confidence.MEDIUM,
          what + " while the remote vantage validated the same address's certificate.", facts);
    }
    if (saw == RemoteSaw.FAILED) {
      return Finding.decided(Verdict.TECHNICAL, Methods.TLS_SERVER_CERTIFICATE, Confidence.HIGH,
          what + "; the remote vantage saw it fail too.", facts);
    }
    if (SSL_INVALID_CERTIFICATE.equals(vf)) {
      // Expired or not yet valid from an issuer the probe trusts: censors do not forge expired certificates.
      return Finding.decided(Verdict.TECHNICAL, Methods.TLS_SERVER_CERTIFICATE, Confidence.MEDIUM,
          what + "; an expired certificate from a trusted issuer is a server fault.", facts);
    }
    facts.put(Facts.MISSING, List.of(Facts.MISSING_REMOTE));
    return Finding.decided(Verdict.INCONCLUSIVE, Methods.TLS_SERVER_CERTIFICATE, Confidence.LOW,
        what + "; no remote vantage to tell a misconfigured server from an unknown interception issuer.", facts);
  }

  private static String handshake(TlsObservation t, String host) {
    return "The TLS handshake to " + t.address() + " with SNI " + (t.serverName() == null ? host : t.serverName())
        + " failed after the ClientHello";
  }

  private static Map<String, Object> base(TlsObservation t) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(Facts.ADDRESS, RemoteView.key(t.address(), t.port()));
    if (t.serverName() != null) facts.put(Facts.SERVER_NAME, t.serverName());
    return facts;
  }

  private static Map<String, Object> swapFact(TlsObservation s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server_name", s.serverName());
    m.put("handshake", s.handshakeOk() ? "ok" : s.failure().failure());
    return m;
  }
}
