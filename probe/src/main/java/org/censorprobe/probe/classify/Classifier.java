package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.censorprobe.probe.classify.DnsOutcome.Consistency;
import org.censorprobe.probe.classify.Finding.Kind;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.FailureStrings;

/**
 * Observations of one round -> verdicts. Pure: no I/O, no clock, no randomness; the throttle history is passed
 * in and out. Reads like the decision table in docs/classification.md:
 * <ol>
 *   <li>controls: network.down / dns.resolver_down / network.gateway_cut override ({@link ControlState});</li>
 *   <li>per endpoint, the first layer with a finding decides: {@link DnsRules}, {@link TcpRules},
 *       {@link TlsRules}, {@link HttpRules}, then {@link ThrottleRules} for endpoints that worked;</li>
 *   <li>DNS inconsistency turns a later failure into dns.inconsistent;</li>
 *   <li>failures that both a censor and a broken server explain go to {@link FailureJudge} (remote vantage,
 *       cross-platform pattern);</li>
 *   <li>platforms roll up their endpoints ({@link PlatformRollup}).</li>
 * </ol>
 */
public final class Classifier {
  private final DnsRules dns;
  private final TcpRules tcp = new TcpRules();
  private final TlsRules tls;
  private final HttpRules http;
  private final ThrottleRules throttle;
  private final FailureJudge judge = new FailureJudge();
  private final PlatformRollup rollup = new PlatformRollup();

  public Classifier(ClassifierSettings settings, Fingerprints fingerprints) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(fingerprints, "fingerprints");
    this.dns = new DnsRules(fingerprints);
    this.tls = new TlsRules(fingerprints);
    this.http = new HttpRules(fingerprints);
    this.throttle = new ThrottleRules(settings);
  }

  public RoundVerdicts classify(RoundObservations round) {
    ControlState controls = new ControlState(round.controls());
    ThrottleHistory.Next next = new ThrottleHistory.Next();

    // Pass 1: each endpoint's finding on its own evidence.
    Map<String, Map<String, Finding>> findings = new LinkedHashMap<>();
    for (PlatformObservations p : round.platforms()) {
      Map<String, Finding> m = new LinkedHashMap<>();
      for (EndpointEvidence e : p.endpoints()) {
        m.put(e.spec(), find(p.platformId(), e, controls, round.history(), next));
      }
      findings.put(p.platformId(), m);
    }

    // Pass 2: the round context.
    // method -> platform -> the networks its failing endpoints were in
    Map<String, Map<String, Set<String>>> failuresByMethod = new LinkedHashMap<>();
    int failingPlatforms = 0;
    for (Map.Entry<String, Map<String, Finding>> p : findings.entrySet()) {
      boolean failing = false;
      for (Finding f : p.getValue().values()) {
        if (f.verdict() == Verdict.OK) continue;
        failing = true;
        if (f.kind() == Kind.FAILURE) {
          failuresByMethod.computeIfAbsent(f.method(), k -> new LinkedHashMap<>())
              .computeIfAbsent(p.getKey(), k -> new LinkedHashSet<>()).addAll(Networks.of(f));
        }
      }
      if (failing) failingPlatforms++;
    }
    boolean everythingFailing = findings.size() >= 2 && failingPlatforms == findings.size();

    Map<String, Map<String, Classification>> endpoints = new LinkedHashMap<>();
    Map<String, PlatformVerdict> platforms = new LinkedHashMap<>();
    for (PlatformObservations p : round.platforms()) {
      Map<String, Classification> m = new LinkedHashMap<>();
      for (EndpointEvidence e : p.endpoints()) {
        Finding f = findings.get(p.platformId()).get(e.spec());
        List<String> same = f.kind() == Kind.FAILURE
            ? unrelatedPlatforms(p.platformId(), f, failuresByMethod.getOrDefault(f.method(), Map.of())) : List.of();
        Classification c = decide(f, controls, new FailureJudge.Pattern(same, everythingFailing), e.remote());
        m.put(e.spec(), withContext(c, controls, e));
      }
      endpoints.put(p.platformId(), m);
      platforms.put(p.platformId(), rollup.rollUp(p.platformId(), p.platformName(), m));
    }
    return new RoundVerdicts(endpoints, platforms, controls.classifications, controls.summary, next.build());
  }

  /**
   * This platform and the other platforms failing with the same method whose addresses share no network with
   * this endpoint's: several unrelated platforms failing alike is the pattern; one provider's outage is not.
   */
  private static List<String> unrelatedPlatforms(String self, Finding f, Map<String, Set<String>> failing) {
    Set<String> mine = Networks.of(f);
    List<String> out = new ArrayList<>(); // in round order
    for (Map.Entry<String, Set<String>> e : failing.entrySet()) {
      if (e.getKey().equals(self) || e.getValue().stream().noneMatch(mine::contains)) out.add(e.getKey());
    }
    return out;
  }

  /** Pass 1: the layers in order; the first with a finding decides. Never null: an ok is a finding too. */
  private Finding find(String platformId, EndpointEvidence e, ControlState controls, ThrottleHistory history,
                       ThrottleHistory.Next next) {
    EndpointObservations o = e.observations();
    DnsOutcome d = dns.evaluate(o, e.remote(), controls);
    Finding f = d.finding();
    if (f == null) f = tcp.evaluate(o, e.remote());
    if (f == null) f = tls.evaluate(o, e.remote());
    if (f == null) f = http.evaluate(o, e.remote());
    if (d.consistency() == Consistency.INCONSISTENT) f = inconsistent(o, d, f, e.remote());
    else if (f != null && d.finding() == null) f = withAll(f, d.facts());
    if (f == null) f = throttle.evaluate(ThrottleHistory.key(platformId, o.endpoint().spec()), o, controls, history, next);
    if (f == null) f = Finding.decided(Verdict.OK, null, Confidence.HIGH, null, d.facts());
    return f;
  }

  /**
   * The local answers share no address with the control's and no TLS handshake proved them. A later failure on
   * those addresses is then DNS tampering; a certificate for another name is the clearest sign of it.
   */
  private static Finding inconsistent(EndpointObservations o, DnsOutcome d, Finding later, RemoteView remote) {
    String host = o.endpoint().host();
    String what = "The local resolver answered " + host + " with " + String.join(", ", d.localAddresses())
        + ", which shares no address with the control resolver's answer " + d.facts().get(Facts.CONTROL_ANSWERS);
    if (later == null) {
      if (remote != null && remote.reachable() && remote.http() != null && !o.http().isEmpty()) {
        var chain = Attempts.http(o.http());
        var last = chain.get(chain.size() - 1);
        if (remote.http().statusCode() == last.statusCode() && Objects.equals(remote.http().title(), last.title())) {
          return Finding.decided(Verdict.OK, null, Confidence.MEDIUM, null, d.facts());
        }
      }
      Map<String, Object> facts = new LinkedHashMap<>(d.facts());
      facts.put(Facts.MISSING, List.of("tls_proof"));
      if (!o.endpoint().dials()) {
        return Finding.decided(Verdict.INCONCLUSIVE, Methods.DNS_INCONSISTENT, Confidence.LOW, what
            + "; only DNS is measured for this endpoint, so nothing proves which answer is right (CDNs answer"
            + " differently by location).", facts);
      }
      return Finding.decided(Verdict.INCONCLUSIVE, Methods.DNS_INCONSISTENT, Confidence.LOW, what
          + "; the page loaded, but without TLS there is no proof it came from " + host
          + " (CDNs answer differently by location).", facts);
    }
    if (later.kind() == Kind.PROOF
        || later.kind() == Kind.DECIDED && !Methods.TLS_SERVER_CERTIFICATE.equals(later.method())) {
      return withAll(later, d.facts());
    }
    // The clearest sign: on the addresses the local resolver gave, a server completed the handshake with a
    // certificate not valid for the host. Read from the TLS step itself, because the failure that decided
    // `later` may be another layer's (HTTP over those addresses) when the control's addresses worked.
    boolean wrongCertificate = later.method() != null && later.method().startsWith("tls.")
        && later.facts().containsKey(Facts.VALIDATION_FAILURE)
        && !FailureStrings.SSL_INVALID_CERTIFICATE.equals(later.facts().get(Facts.VALIDATION_FAILURE))
        || wrongCertificateOn(o, d.localAddresses());
    Map<String, Object> facts = new LinkedHashMap<>(d.facts());
    facts.putAll(later.facts());
    facts.put(Facts.THEN, later.method());
    return Finding.proof(Methods.DNS_INCONSISTENT, wrongCertificate ? Confidence.HIGH : Confidence.MEDIUM,
        what + (wrongCertificate ? ", and the server there presented a certificate not valid for " + host + "."
            : ", and those addresses failed (" + later.method() + ")."), facts);
  }

  private static boolean wrongCertificateOn(EndpointObservations o, List<String> addresses) {
    for (var t : Attempts.tls(o.tls())) {
      if (!addresses.contains(t.address()) || !t.handshakeOk() || t.validationFailure() == null) continue;
      String v = t.validationFailure().failure();
      if (FailureStrings.SSL_INVALID_HOSTNAME.equals(v) || FailureStrings.SSL_UNKNOWN_AUTHORITY.equals(v)) return true;
    }
    return false;
  }

  private static Finding withAll(Finding f, Map<String, Object> facts) {
    Finding out = f;
    for (Map.Entry<String, Object> e : facts.entrySet()) {
      if (!f.facts().containsKey(e.getKey())) out = out.withFact(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Pass 2: the controls override, then the judge for failures. */
  private Classification decide(Finding f, ControlState controls, FailureJudge.Pattern pattern, RemoteView remote) {
    if (f.verdict() == Verdict.OK) {
      return new Classification(Verdict.OK, null, f.confidence(), "Every step worked.", f.facts());
    }
    LocalNetwork net = controls.network();
    if (net == LocalNetwork.DOWN) {
      boolean resolver = controls.localResolverDown;
      return new Classification(Verdict.TECHNICAL, resolver ? Methods.DNS_RESOLVER_DOWN : Methods.NETWORK_DOWN,
          Confidence.HIGH, "Every control failed in this round"
          + (resolver ? " at the local resolver" : "") + ", so the probe's own "
          + (resolver ? "resolver" : "uplink") + " is down and nothing in this round can be called blocked"
          + (f.method() == null ? "." : " (this endpoint saw " + f.method() + ")."), withLocal(f));
    }
    if (net == LocalNetwork.GATEWAY_CUT && f.kind() != Kind.PROOF) {
      return new Classification(Verdict.TECHNICAL, Methods.NETWORK_GATEWAY_CUT, Confidence.HIGH,
          "Every international control failed while a domestic control worked: the international gateway is cut"
          + " (shutdown-shaped); this endpoint's " + f.method() + " is part of it.", withLocal(f));
    }
    if (f.kind() == Kind.FAILURE) return judge.judge(f, net, pattern, remote);
    return new Classification(f.verdict(), f.method(), f.confidence(), f.evidence(), f.facts());
  }

  private static Map<String, Object> withLocal(Finding f) {
    Map<String, Object> facts = new LinkedHashMap<>(f.facts());
    if (f.method() != null) facts.put(Facts.ENDPOINT_METHOD, f.method());
    return facts;
  }

  /** Facts every endpoint verdict carries: the controls, the helper, and retried steps. */
  private static Classification withContext(Classification c, ControlState controls, EndpointEvidence e) {
    Map<String, Object> facts = new LinkedHashMap<>(c.facts());
    facts.put(Facts.CONTROLS, controls.fact());
    facts.put(Facts.HELPER, RemoteLookup.fact(e.remote()));
    List<String> retried = retried(e.observations());
    if (!retried.isEmpty()) facts.put(Facts.RETRIED, retried);
    return new Classification(c.verdict(), c.method(), c.confidence(), withControls(c, controls), facts);
  }

  /** A blocked verdict's sentence says how the controls stood, so it can be quoted alone. */
  private static String withControls(Classification c, ControlState controls) {
    String e = c.evidence();
    if (c.verdict() != Verdict.BLOCKED || e == null || e.contains("controls were healthy")) return e;
    RoundSummary s = controls.summary;
    String state = s.localNetwork() == LocalNetwork.UP ? "controls healthy"
        : s.localNetwork() == LocalNetwork.UNKNOWN ? "no controls configured" : "controls " + s.localNetwork().label();
    String body = e.endsWith(".") ? e.substring(0, e.length() - 1) : e;
    return body + "; " + state + (s.controlsTotal() > 0 ? " (" + s.controlsOk() + "/" + s.controlsTotal() + " ok)." : ".");
  }

  private static List<String> retried(EndpointObservations o) {
    List<String> out = new ArrayList<>();
    if (o.dns().stream().anyMatch(d -> d.attempt() > 1)) out.add("dns");
    if (o.tcp().stream().anyMatch(t -> t.attempt() > 1)) out.add("tcp");
    if (o.tls().stream().anyMatch(t -> t.attempt() > 1)) out.add("tls");
    if (o.http().stream().anyMatch(h -> h.attempt() > 1)) out.add("http");
    return out;
  }
}
