package org.censorprobe.probe.classify;

import static org.censorprobe.format.observe.FailureType.SSL_FAILED_HANDSHAKE;
import static org.censorprobe.format.observe.FailureType.SSL_INVALID_CERTIFICATE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Fact.RemoteOutcome;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.TlsObservation;

/** The TLS rows: interception, SNI filtering (through the SNI swap), handshake failures, server certificates. */
final class TlsRules {
  record Result(Finding finding, List<IpPort> failedWhileOthersWorked) {}

  private static final Result NOTHING = new Result(null, List.of());
  private final Fingerprints fingerprints;

  TlsRules(Fingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  Result evaluate(EndpointView v, List<IpPort> connected) {
    if (!v.endpoint.needsTls() || connected.isEmpty()) return NOTHING;

    // tls.interception: a fingerprinted issuer anywhere in a chain presented for this name, trusted or not.
    for (TlsObservation t : v.tls.values()) {
      for (CertificateInfo c : t.chain()) {
        Optional<Fingerprint> f = fingerprints.interceptionIssuer(c);
        if (f.isPresent()) {
          Fact cert = new Fact.Certificate(t.target(), t.serverName(), c.issuer(), c.subject(),
              t.validationFailure() == null ? null : t.validationFailure().type(), f.get().id());
          return new Result(Finding.proof(Method.TLS_INTERCEPTION, Confidence.HIGH, List.of(cert)), List.of());
        }
      }
    }

    List<TlsObservation> path = connected.stream().map(v.tls::get).filter(h -> h != null).toList();
    if (path.isEmpty()) return NOTHING;
    Fact.Handshakes handshakes = new Fact.Handshakes(path.stream().map(TlsRules::handshake).toList());
    if (path.stream().anyMatch(TlsObservation::ok)) {
      List<IpPort> failed = path.stream().filter(h -> !h.handshakeOk()).map(TlsObservation::target).toList();
      return new Result(null, failed);
    }
    TlsObservation completed = path.stream().filter(TlsObservation::handshakeOk).findFirst().orElse(null);
    if (completed != null) return new Result(certificate(completed, v, handshakes), List.of());

    // Every handshake on the path failed: the SNI swap to the same address tells SNI filtering from IP trouble.
    for (TlsObservation t : path) {
      TlsObservation swap = v.swaps.get(t.target());
      FailureType f = t.failure().type();
      if (swap == null || !(f.interferenceShaped() || f == SSL_FAILED_HANDSHAKE)) continue;
      Fact.SniSwap s = new Fact.SniSwap(t.target(), swap.serverName(), true,
          swap.handshakeOk() ? null : swap.failure().type());
      if (swap.handshakeOk()) {
        return new Result(Finding.proof(Method.TLS_SNI_FILTERED, Confidence.HIGH, List.of(handshakes, s)), List.of());
      }
      if (swap.failure().type().group() == FailureType.Group.TLS_PEER) {
        // The same address answered the neutral name with a TLS alert: a TLS server is alive there.
        return new Result(Finding.proof(Method.TLS_SNI_FILTERED, Confidence.MEDIUM, List.of(handshakes, s)),
            List.of());
      }
    }
    TlsObservation first = path.get(0);
    TlsObservation swap = v.swaps.get(first.target());
    Fact.SniSwap s = swap == null ? new Fact.SniSwap(first.target(), null, false, null)
        : new Fact.SniSwap(first.target(), swap.serverName(), true, swap.handshakeOk() ? null : swap.failure().type());
    List<IpPort> targets = path.stream().map(TlsObservation::target).toList();
    return new Result(Finding.failure(MethodOf.tls(first.failure().type()), List.of(handshakes, s),
        RemoteLookup.tls(v.remote, targets)), List.of());
  }

  private static Fact.Handshake handshake(TlsObservation t) {
    return new Fact.Handshake(t.target(), t.serverName(), t.handshakeOk() ? null : t.failure().type(),
        t.validationFailure() == null ? null : t.validationFailure().type());
  }

  /** A handshake completed with a certificate that failed validation. */
  private static Finding certificate(TlsObservation t, EndpointView v, Fact.Handshakes handshakes) {
    FailureType vf = t.validationFailure().type();
    CertificateInfo leaf = t.chain().isEmpty() ? null : t.chain().get(0);
    List<Fact> facts = new ArrayList<>(List.of(handshakes, new Fact.Certificate(t.target(), t.serverName(),
        leaf == null ? null : leaf.issuer(), leaf == null ? null : leaf.subject(), vf, null)));
    RemoteOutcome saw = RemoteLookup.tls(v.remote, List.of(t.target()));
    if (saw == RemoteOutcome.SUCCEEDED) {
      // Valid from outside on the same address, invalid here: something on this path presents its own certificate.
      return Finding.proof(Method.TLS_INTERCEPTION, Confidence.MEDIUM, facts)
          .with(RemoteLookup.fact(v.remote, saw));
    }
    if (saw == RemoteOutcome.FAILED) {
      return Finding.decided(Verdict.TECHNICAL, Method.TLS_SERVER_CERTIFICATE, Confidence.HIGH, facts)
          .with(RemoteLookup.fact(v.remote, saw));
    }
    if (vf == SSL_INVALID_CERTIFICATE) {
      // Expired or not yet valid from an issuer the probe trusts: censors do not forge expired certificates.
      return Finding.decided(Verdict.TECHNICAL, Method.TLS_SERVER_CERTIFICATE, Confidence.MEDIUM, facts);
    }
    facts.add(new Fact.MissingEvidence(List.of(Fact.Missing.REMOTE_VANTAGE)));
    return Finding.decided(Verdict.INCONCLUSIVE, Method.TLS_SERVER_CERTIFICATE, Confidence.LOW, facts);
  }
}
