package org.censorprobe.probe.classify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.config.ClassifierSettings;

/**
 * Records of one round -> judgements. Pure: no I/O, no clock (the time of judging is passed in), no randomness;
 * the throttle history is passed in and out. Reads like the decision table in docs/classification.md:
 * <ol>
 *   <li>the round ({@link RoundState}): each control's outcome, each resolver's baseline on the controls' names, a
 *       captive portal, and the probe's own network (down only when nothing at all got a response);</li>
 *   <li>per endpoint, on the user's path, the first layer with a finding decides: {@link DnsRules},
 *       {@link TcpRules}, {@link TlsRules}, {@link HttpRules}; a DNS inconsistency can explain a later failure;
 *       addresses that failed while others worked make a partial finding; throttling for paths that worked;</li>
 *   <li>the round's overrides (uplink down, captive portal, gateway cut) and {@link ContextJudge} for failures both
 *       a censor and a dead server explain;</li>
 *   <li>guards that hold whatever came before: nothing is blocked when no control was reached;</li>
 *   <li>platforms roll up their endpoints ({@link PlatformRollup}); every resolver is judged as a subject of its
 *       own ({@link ResolverRules}), apart from the platforms.</li>
 * </ol>
 * Every list is read in a canonical order, so no verdict depends on the order things were measured in.
 */
public final class Classifier {
  public static final ClassifierVersion VERSION = new ClassifierVersion("2.0.0", LocalDate.of(2026, 12, 1));

  private final DnsRules dns;
  private final TcpRules tcp = new TcpRules();
  private final TlsRules tls;
  private final HttpRules http;
  private final ThrottleRules throttle;
  private final ResolverRules resolvers;
  private final ContextJudge judge = new ContextJudge();

  public Classifier(ClassifierSettings settings, Fingerprints fingerprints) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(fingerprints, "fingerprints");
    this.dns = new DnsRules(fingerprints);
    this.tls = new TlsRules(fingerprints);
    this.http = new HttpRules(fingerprints);
    this.throttle = new ThrottleRules(settings);
    this.resolvers = new ResolverRules(fingerprints);
  }

  public JudgedRound judge(RoundRecords round, ThrottleHistory history, Instant judgedAt) {
    RoundState state = new RoundState(round.platforms(), round.controls());
    RoundContext context = state.context();
    ThrottleHistory.Next next = new ThrottleHistory.Next();

    // Pass 1: each endpoint on its own evidence.
    List<Measurement> platforms = round.platforms();
    List<EndpointView> views = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Measurement m : platforms) {
      EndpointView v = new EndpointView(m.observations());
      views.add(v);
      findings.add(find(m, v, state, history, next));
    }

    // Pass 2: the round's context. method -> platform -> the networks of its failing endpoints.
    Map<Method, Map<String, Set<String>>> failuresByMethod = new TreeMap<>();
    Set<String> allPlatforms = new TreeSet<>();
    Set<String> failing = new TreeSet<>();
    for (int i = 0; i < platforms.size(); i++) {
      String p = platforms.get(i).platform();
      allPlatforms.add(p);
      Finding f = findings.get(i);
      if (f.verdict() == Verdict.OK) continue;
      failing.add(p);
      if (f.kind() == Finding.Kind.FAILURE) {
        failuresByMethod.computeIfAbsent(f.method(), k -> new TreeMap<>())
            .computeIfAbsent(p, k -> new TreeSet<>()).addAll(Networks.of(views.get(i)));
      }
    }
    boolean everythingFailing = allPlatforms.size() >= 2 && failing.size() == allPlatforms.size();

    List<Interpretation> own = new ArrayList<>();
    Map<String, Map<String, Interpretation>> byPlatform = new TreeMap<>();
    for (int i = 0; i < platforms.size(); i++) {
      Measurement m = platforms.get(i);
      Finding f = findings.get(i);
      List<String> same = f.kind() == Finding.Kind.FAILURE
          ? unrelated(m.platform(), Networks.of(views.get(i)), failuresByMethod.getOrDefault(f.method(), Map.of()))
          : List.of();
      Interpretation c = interpretation(decide(f, state, new ContextJudge.Pattern(same, everythingFailing),
          views.get(i)), context, views.get(i));
      own.add(c);
      byPlatform.computeIfAbsent(m.platform(), k -> new TreeMap<>()).put(m.endpoint(), c);
    }
    Map<String, PlatformVerdict> rolled = new HashMap<>();
    for (Measurement m : platforms) {
      rolled.computeIfAbsent(m.platform(), p -> PlatformRollup.rollUp(nameOf(m), byPlatform.get(p)));
    }

    List<Measurement> judgedPlatforms = new ArrayList<>();
    for (int i = 0; i < platforms.size(); i++) {
      Measurement m = platforms.get(i);
      judgedPlatforms.add(m.withJudgement(new Judgement(own.get(i), rolled.get(m.platform()), context, VERSION,
          judgedAt)));
    }
    List<Measurement> judgedControls = new ArrayList<>();
    Map<Measurement, ControlOutcome> outcomes = new HashMap<>();
    for (ControlOutcome c : state.controls) outcomes.put(c.record(), c);
    for (Measurement m : round.controls()) {
      Interpretation c = control(outcomes.get(m), state, context);
      judgedControls.add(m.withJudgement(new Judgement(c, null, context, VERSION, judgedAt)));
    }
    List<EndpointView> everyView = new ArrayList<>(views);
    for (ControlOutcome c : state.controls) everyView.add(c.view());
    List<Measurement> resolverRecords = resolverRecords(round, resolvers.judge(state, everyView), context, judgedAt);
    return new JudgedRound(judgedPlatforms, judgedControls, resolverRecords, next.build());
  }

  /** Pass 1: the layers in order; the first with a finding decides. Never null: an ok is a finding too. */
  private Finding find(Measurement m, EndpointView v, RoundState s, ThrottleHistory history,
                       ThrottleHistory.Next next) {
    DnsOutcome d = dns.evaluate(v, s);
    Finding f = d.finding();
    PathFailures partial = PathFailures.NONE;
    List<Fact> pathFacts = new ArrayList<>();
    if (f == null && v.endpoint.dials()) {
      TcpRules.Result t = tcp.evaluate(v, s);
      if (t.fact() != null) pathFacts.add(t.fact());
      f = t.finding();
      if (f == null) {
        TlsRules.Result h = tls.evaluate(v, t.connected());
        f = h.finding();
        if (f == null) f = http.evaluate(v);
        partial = new PathFailures(t.failed(), h.failedWhileOthersWorked());
      }
      if (f != null) f = f.withMissing(pathFacts);
    }
    if (d.consistency() == Fact.Consistency.INCONSISTENT) f = inconsistent(v, d, f);
    else if (f != null) f = f.withMissing(d.facts());
    if (f == null && partial.any()) {
      List<IpPort> failed = partial.tcp().isEmpty() ? partial.tls() : partial.tcp();
      Method method = partial.tcp().isEmpty() ? Method.TLS_PARTIAL : Method.TCP_PARTIAL;
      f = Finding.failure(method, pathFacts, RemoteLookup.addressesOnly(v.remote, failed, partial.tcp().isEmpty()))
          .withMissing(d.facts());
    }
    if (f == null) {
      f = throttle.evaluate(ThrottleHistory.key(m.platform(), m.endpoint()), v, s, history, next);
      if (f != null) f = f.withMissing(d.facts()).withMissing(pathFacts);
    }
    if (f == null) {
      List<Fact> facts = new ArrayList<>(d.facts());
      facts.addAll(pathFacts);
      f = Finding.decided(Verdict.OK, null, Confidence.HIGH, facts);
    }
    return f;
  }

  /**
   * The system resolver's answer shares no address with any healthy witness's and no validated handshake proved
   * it. A later failure on those addresses is DNS tampering only when the witnesses' own addresses worked (else the
   * platform is down everywhere); a certificate for another name there is the clearest sign of it. A remote vantage
   * that measured the failing addresses themselves decides instead (they work from outside: IP blocking; they do
   * not: a dead server).
   */
  private static Finding inconsistent(EndpointView v, DnsOutcome d, Finding later) {
    if (later == null) {
      var last = v.lastHop();
      if (v.remote != null && v.remote.reachable() && v.remote.http() != null && last != null
          && v.remote.http().statusCode() == last.statusCode() && Objects.equals(v.remote.http().title(), last.title())) {
        return Finding.decided(Verdict.OK, null, Confidence.MEDIUM, d.facts())
            .with(RemoteLookup.fact(v.remote, Fact.RemoteOutcome.SUCCEEDED));
      }
      List<Fact> facts = new ArrayList<>(d.facts());
      facts.add(new Fact.MissingEvidence(List.of(Fact.Missing.TLS_PROOF)));
      return Finding.decided(Verdict.INCONCLUSIVE, Method.DNS_INCONSISTENT, Confidence.LOW, facts);
    }
    if (later.kind() == Finding.Kind.PROOF
        || later.kind() == Finding.Kind.DECIDED && later.method() != Method.TLS_SERVER_CERTIFICATE) {
      return later.withMissing(d.facts());
    }
    if (later.kind() == Finding.Kind.FAILURE && later.remote() != Fact.RemoteOutcome.NOT_MEASURED) {
      return later.withMissing(d.facts());
    }
    boolean wrongCertificate = later.facts().values().stream().anyMatch(f -> f instanceof Fact.Certificate c
        && c.validationFailure() != null
        && c.validationFailure() != org.censorprobe.format.observe.FailureType.SSL_INVALID_CERTIFICATE);
    boolean witnessWorked = false;
    for (IpAddress a : d.witnessAddresses()) {
      var t = v.tcp.get(new IpPort(a, v.endpoint.port()));
      if (t != null && t.ok() && !v.pathAddresses.contains(a)) witnessWorked = true;
    }
    if (!wrongCertificate && !witnessWorked) return later.withMissing(d.facts());
    Finding f = Finding.proof(Method.DNS_INCONSISTENT, wrongCertificate ? Confidence.HIGH : Confidence.MEDIUM,
        d.facts()).withMissing(later.factList()).with(new Fact.Then(later.method()));
    return f;
  }

  /** This platform and the platforms failing the same way whose networks share nothing with this endpoint's. */
  private static List<String> unrelated(String self, Set<String> mine, Map<String, Set<String>> failing) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : failing.entrySet()) {
      if (e.getKey().equals(self) || e.getValue().stream().noneMatch(mine::contains)) out.add(e.getKey());
    }
    return out;
  }

  /** Pass 2: the round's overrides, the judge for failures, and the guards. */
  private Finding decide(Finding f, RoundState s, ContextJudge.Pattern pattern, EndpointView v) {
    Finding out;
    if (s.network == LocalNetwork.CAPTIVE_PORTAL && !(f.verdict() == Verdict.OK && validated(v))) {
      // Behind a portal a page that loaded is the portal's, unless a validated handshake proved the site's.
      out = replaced(f, Method.NETWORK_CAPTIVE_PORTAL).with(s.portal);
    } else if (f.verdict() == Verdict.OK) {
      out = f;
    } else if (s.network == LocalNetwork.DOWN) {
      out = replaced(f, Method.NETWORK_DOWN);
    } else if (s.network == LocalNetwork.GATEWAY_CUT && f.kind() != Finding.Kind.PROOF) {
      out = replaced(f, Method.NETWORK_GATEWAY_CUT);
    } else if (f.kind() == Finding.Kind.FAILURE) {
      out = judge.judge(f, s.network, pattern, v.remote);
      List<Fact.Handshake> elsewhere = v.validatedOffPath();
      if (out.method() == Method.TARGET_DOWN && !elsewhere.isEmpty()) {
        // The addresses the users' resolver gave are dead from outside too, yet the platform answered with a valid
        // certificate at an address another resolver gave: "the platform's server was down" would be false. A
        // forged answer pointing nowhere and a dead node of the platform look alike here (only a late genuine
        // reply, dns.injected, tells them apart), so neither is claimed.
        out = f.decide(Verdict.INCONCLUSIVE, f.method(), Confidence.LOW)
            .with(RemoteLookup.fact(v.remote, Fact.RemoteOutcome.FAILED))
            .with(new Fact.Handshakes(elsewhere));
      }
    } else {
      out = f;
    }
    if (out.verdict() == Verdict.BLOCKED && s.ok == 0) {
      // Invariant 1: with no control reached, the probe's own network cannot be ruled out.
      out = out.decide(Verdict.INCONCLUSIVE, out.method(), Confidence.LOW)
          .with(new Fact.MissingEvidence(List.of(Fact.Missing.HEALTHY_CONTROLS)));
    }
    if (out.verdict() == Verdict.BLOCKED && f.kind() == Finding.Kind.FAILURE && s.total < 2) {
      out = out.decide(Verdict.BLOCKED, out.method(), out.confidence().atMost(Confidence.MEDIUM));
    }
    List<Fact.Step> retried = Retries.of(v.observations);
    if (!retried.isEmpty()) out = out.with(new Fact.Retried(retried));
    return out;
  }

  private static boolean validated(EndpointView v) {
    return v.pathTargets().stream().anyMatch(v::validatedOn);
  }

  private static Finding replaced(Finding f, Method by) {
    Finding out = f.decide(Verdict.TECHNICAL, by, Confidence.HIGH);
    return f.method() == null ? out : out.with(new Fact.Replaced(f.method()));
  }

  private static Interpretation interpretation(Finding f, RoundContext context, EndpointView v) {
    List<Fact> facts = Evidence.ordered(f.facts().values());
    String host = v.literal ? null : v.host;
    return new Interpretation(f.verdict(), f.method(), f.confidence(),
        Evidence.write(f.verdict(), f.method(), facts, context, host), facts);
  }

  private static Interpretation control(ControlOutcome c, RoundState s, RoundContext context) {
    EndpointView v = c.view();
    List<Fact> base = new ArrayList<>(DnsRules.baseFacts(v));
    if (v.literal) base.clear();
    Finding f;
    if (c.ok()) {
      f = Finding.decided(Verdict.OK, null, Confidence.HIGH, base);
    } else {
      f = Finding.decided(Verdict.TECHNICAL, c.failedAt(), Confidence.MEDIUM, base);
      if (c.failedAt() == Method.CONTROL_UNEXPECTED_CONTENT) {
        var last = v.lastHop();
        f = f.with(new Fact.UnexpectedContent(last.url(), c.record().expect().toString(), last.statusCode(),
            last.title()));
      }
      if (s.network == LocalNetwork.DOWN) f = replaced(f, Method.NETWORK_DOWN);
      else if (s.network == LocalNetwork.CAPTIVE_PORTAL) f = replaced(f, Method.NETWORK_CAPTIVE_PORTAL).with(s.portal);
      else if (s.network == LocalNetwork.GATEWAY_CUT && !c.domestic()) f = replaced(f, Method.NETWORK_GATEWAY_CUT);
      else if (s.systemResolverDown() && c.failedAt().layer() == org.censorprobe.format.interpret.Layer.DNS) {
        f = replaced(f, Method.DNS_RESOLVER_DOWN);
      }
    }
    List<Fact.Step> retried = Retries.of(v.observations);
    if (!retried.isEmpty()) f = f.with(new Fact.Retried(retried));
    return interpretation(f, context, v);
  }

  private static List<Measurement> resolverRecords(RoundRecords round, List<ResolverRules.Judged> judged,
                                                   RoundContext context, Instant judgedAt) {
    List<Measurement> all = round.all();
    if (all.isEmpty()) return List.of();
    Measurement first = all.stream().min(Comparator.comparing(Measurement::measuredAt,
        Comparator.nullsLast(Comparator.naturalOrder()))).orElseThrow();
    List<Measurement> out = new ArrayList<>();
    for (ResolverRules.Judged j : judged) {
      Finding f = j.finding();
      List<Fact> facts = Evidence.ordered(f.facts().values());
      Interpretation c = new Interpretation(f.verdict(), f.method(), f.confidence(),
          Evidence.write(f.verdict(), f.method(), facts, context, "the names asked"), facts);
      String id = UUID.nameUUIDFromBytes((round.roundId() + "\u0000resolver\u0000" + j.resolver())
          .getBytes(StandardCharsets.UTF_8)).toString();
      out.add(new Measurement(id, round.roundId(), first.measuredAt(), first.probe(), Role.RESOLVER,
          Measurement.RESOLVER_PLATFORM, resolverName(j.role()), false, j.resolver(), j.role(), null,
          new ResolverObservations(j.queries()), new Judgement(c, null, context, VERSION, judgedAt), List.of()));
    }
    return out;
  }

  private static String resolverName(ResolverRole role) {
    return switch (role) {
      case SYSTEM -> "System resolver";
      case EXTRA -> "Extra resolver";
      case CONTROL -> "Control resolver";
    };
  }

  private static String nameOf(Measurement m) {
    return m.platformName() == null ? m.platform() : m.platformName();
  }
}
