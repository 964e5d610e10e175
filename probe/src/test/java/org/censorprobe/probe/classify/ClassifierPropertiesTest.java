package org.censorprobe.probe.classify;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The classifier's invariants (docs/classification.md, "Invariants"), checked on generated rounds. A property that
 * finds a counterexample is a bug in the classifier, not in the property.
 */
class ClassifierPropertiesTest {
  private static final Classifier CLASSIFIER = Recorded.classifier();

  @Provide
  Arbitrary<World> worlds() {
    return World.worlds();
  }

  private static JudgedRound judge(World w) {
    return CLASSIFIER.judge(w.render(), ThrottleHistory.EMPTY, Recorded.T0);
  }

  @Property(tries = 1500)
  @Label("1. nothing is blocked when no control was reached")
  void noBlockedWithoutAHealthyControl(@ForAll("worlds") World w) {
    JudgedRound r = judge(w);
    int ok = r.controls().isEmpty() ? 0 : r.controls().get(0).judgement().round().controlsOk();
    if (ok > 0) return;
    for (Measurement m : r.all()) assertNotEquals(Verdict.BLOCKED, m.judgement().verdict(), m.endpoint());
  }

  @Property(tries = 1500)
  @Label("2. an endpoint whose own path fully worked is never blocked on DNS, TCP or TLS grounds")
  void aPathThatWorkedIsNotBlocked(@ForAll("worlds") World w) {
    JudgedRound r = judge(w);
    boolean any = r.platforms().stream().anyMatch(m -> pathWorked(m.observations()));
    Statistics.label("an endpoint whose path worked").collect(any);
    Statistics.label("an endpoint whose path worked").coverage(c -> c.check(true).percentage(pct -> pct > 10));
    for (Measurement m : r.platforms()) {
      if (!pathWorked(m.observations())) continue;
      Interpretation c = m.judgement().interpretation();
      boolean throttling = c.method() == Method.TLS_THROTTLED || c.method() == Method.HTTP_THROTTLED;
      assertFalse(c.verdict() == Verdict.BLOCKED && !throttling, m.endpoint() + ": " + c.evidence());
    }
  }

  @Property(tries = 1000)
  @Label("3. no failing resolver, alone or with others, turns an endpoint into blocked")
  void failingResolversBlockNothing(@ForAll("worlds") World w) {
    JudgedRound actual = judge(w);
    JudgedRound healthy = judge(w.healthyWitnesses());
    for (int i = 0; i < actual.platforms().size(); i++) {
      Interpretation a = actual.platforms().get(i).judgement().interpretation();
      Interpretation h = healthy.platforms().get(i).judgement().interpretation();
      if (a.verdict() == Verdict.BLOCKED) {
        assertEquals(Verdict.BLOCKED, h.verdict(), () -> actual.platforms().get(0).endpoint()
            + ": blocked only once the witnesses failed: " + a.evidence() + " / with healthy witnesses: "
            + h.evidence());
      }
    }
  }

  @Property(tries = 800)
  @Label("4. the judgement does not depend on the order of anything, nor on how an address is spelled")
  void orderAndSpellingDoNotMatter(@ForAll("worlds") World w, @ForAll long seed) {
    RoundRecords round = w.render();
    RoundRecords shuffled = shuffled(round, new Random(seed));
    JudgedRound a = CLASSIFIER.judge(round, ThrottleHistory.EMPTY, Recorded.T0);
    JudgedRound b = CLASSIFIER.judge(shuffled, ThrottleHistory.EMPTY, Recorded.T0);
    for (Measurement m : a.all()) {
      Measurement n = b.all().stream().filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
      assertEquals(m.judgement(), n.judgement(), m.endpoint());
    }
  }

  @Property(tries = 1000)
  @Label("5. every fact is backed by an observation of the round, and the sentence says only the facts")
  void everyClaimIsBacked(@ForAll("worlds") World w) {
    JudgedRound r = judge(w);
    assertEquals(List.of(), FactCheck.problems(r));
    // The generator must reach the cases the invariants are about, or they hold vacuously.
    boolean blocked = r.all().stream().anyMatch(m -> m.judgement().verdict() == Verdict.BLOCKED);
    boolean noControl = r.controls().stream().noneMatch(m -> m.judgement().verdict() == Verdict.OK);
    boolean resolverFinding = r.resolvers().stream().anyMatch(m -> m.judgement().verdict() != Verdict.OK);
    Statistics.label("blocked").collect(blocked);
    Statistics.label("no control reached").collect(noControl);
    Statistics.label("a resolver not ok").collect(resolverFinding);
    Statistics.label("blocked").coverage(c -> c.check(true).percentage(pct -> pct > 20));
    Statistics.label("no control reached").coverage(c -> c.check(true).percentage(pct -> pct > 20));
    Statistics.label("a resolver not ok").coverage(c -> c.check(true).percentage(pct -> pct > 20));
  }

  @Property(tries = 1000)
  @Label("the uplink is never called down when anything in the round got a response across it")
  void uplinkNotDownWhenSomethingAnswered(@ForAll("worlds") World w) {
    JudgedRound r = judge(w);
    boolean something = r.platforms().stream().map(Measurement::observations).anyMatch(
        ClassifierPropertiesTest::gotResponse)
        || r.controls().stream().map(Measurement::observations).anyMatch(ClassifierPropertiesTest::gotResponse);
    if (!something) return;
    for (Measurement m : r.all()) {
      assertNotEquals(Method.NETWORK_DOWN, m.judgement().method(), m.endpoint());
      assertNotEquals(LocalNetwork.DOWN, m.judgement().round().localNetwork());
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** DNS answered by the system resolver, every path address connected, TLS validated, HTTP non-blockpage < 500. */
  static boolean pathWorked(EndpointObservations o) {
    var v = new EndpointView(o);
    if (!v.literal && (v.system == null || !v.system.answered() || !v.system.bogons().isEmpty())) return false;
    if (v.system != null && v.system.queries().stream().anyMatch(q -> !q.lateReplies().isEmpty())) return false;
    if (!o.endpoint().dials()) return true;
    for (var t : v.pathTargets()) {
      TcpObservation c = v.tcp.get(t);
      if (c == null || !c.ok()) return false;
      if (o.endpoint().needsTls() && !v.validatedOn(t)) return false;
    }
    if (o.endpoint().kind() == org.censorprobe.format.endpoint.Endpoint.Kind.URL) {
      HttpExchange last = v.lastHop();
      if (last == null || !last.ok() || last.statusCode() >= 400) return false;
      if (last.title() != null && last.title().equals("Доступ")) return false; // the generator's blockpage
    }
    return true;
  }

  static boolean gotResponse(EndpointObservations o) {
    return o.tcp().stream().anyMatch(TcpObservation::ok) || o.tls().stream().anyMatch(TlsObservation::handshakeOk)
        || o.http().stream().anyMatch(h -> h.statusCode() > 0)
        || o.dns().stream().anyMatch(d -> !"system".equals(d.resolver()) && d.rcode() != null)
        || o.controlDns().stream().anyMatch(d -> d.rcode() != null);
  }

  /**
   * Every list shuffled (HTTP hops keep their chain order), and every record written to JSON and read back with
   * its IPv6 addresses spelled long-hand: the same facts in another order and another spelling.
   */
  static RoundRecords shuffled(RoundRecords r, Random random) {
    List<Measurement> ps = new ArrayList<>();
    for (Measurement m : r.platforms()) ps.add(respell(shuffle(m, random)));
    List<Measurement> cs = new ArrayList<>();
    for (Measurement m : r.controls()) cs.add(respell(shuffle(m, random)));
    Collections.shuffle(ps, random);
    Collections.shuffle(cs, random);
    return new RoundRecords(r.roundId(), ps, cs);
  }

  private static Measurement shuffle(Measurement m, Random random) {
    EndpointObservations o = m.observations();
    return m.withSteps(new EndpointObservations(o.endpoint(), o.startedAt(), o.durationMs(), mix(o.dns(), random),
        mix(o.controlDns(), random), mix(o.tcp(), random), mix(o.tls(), random), mix(o.sniSwap(), random), o.http(),
        o.helper()));
  }

  private static <T> List<T> mix(List<T> in, Random random) {
    List<T> out = new ArrayList<>(in);
    Collections.shuffle(out, random);
    return out;
  }

  /** Through the wire format with every IPv6 address in its long form. */
  private static Measurement respell(Measurement m) {
    String json = MeasurementCodec.toJson(m);
    String longForm = json.replaceAll("\"2a0(\\d):(\\d)::(\\d)\"", "\"2a0$1:$2:0:0:0:0:0:$3\"")
        .replaceAll("\\[2a0(\\d):(\\d)::(\\d)\\]", "[2a0$1:$2:0:0:0:0:0:$3]");
    Measurement back = MeasurementCodec.read(longForm);
    assertEquals(Role.PLATFORM == m.role() || Role.CONTROL == m.role(), true);
    return back;
  }
}
