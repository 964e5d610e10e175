package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;

/**
 * Checks, independently of the classifier's own code, that every fact of a judgement is backed by an observation
 * in the same round, and that the evidence sentence is written from those facts alone. A sentence that says a
 * resolver answered the controls needs that resolver's answers for them: the round context's baselines are
 * recomputed here from the control records and must match.
 */
final class FactCheck {
  private FactCheck() {}

  /** The problems found, empty when every claim holds. */
  static List<String> problems(JudgedRound round) {
    List<String> out = new ArrayList<>();
    RoundContext expected = recomputedContext(round.controls());
    for (Measurement m : round.all()) {
      Judgement j = m.judgement();
      String where = m.role().label() + " " + m.endpoint() + ": ";
      if (!Objects.equals(expected.resolvers(), j.round().resolvers())) {
        out.add(where + "resolver baselines " + j.round().resolvers() + " but the controls show " + expected.resolvers());
      }
      if (j.round().controlsTotal() != expected.controlsTotal()
          || j.round().domesticTotal() != expected.domesticTotal()) {
        out.add(where + "control counts do not match the control records");
      }
      Interpretation i = j.interpretation();
      String host = m.role() == Role.RESOLVER ? "the names asked"
          : m.observations().endpoint().isIpLiteral() ? null : m.observations().endpoint().host();
      String written = Evidence.write(i.verdict(), i.method(), i.facts(), j.round(), host);
      if (!written.equals(i.evidence())) out.add(where + "evidence is not the sentence of its facts: " + i.evidence());
      if (m.role() == Role.RESOLVER) continue;
      EndpointObservations o = m.observations();
      for (Fact f : i.facts()) {
        String p = check(f, o, m, round);
        if (p != null) out.add(where + f.key() + ": " + p);
      }
    }
    return out;
  }

  private static RoundContext recomputedContext(List<Measurement> controls) {
    Map<String, int[]> n = new TreeMap<>();
    Map<String, org.censorprobe.format.interpret.ResolverRole> roles = new TreeMap<>();
    int domestic = 0;
    for (Measurement c : controls) {
      if (c.domestic()) domestic++;
      EndpointObservations o = c.observations();
      if (o.endpoint().isIpLiteral()) continue;
      Map<String, Boolean> answered = new TreeMap<>();
      for (DnsObservation d : last(o.dns(), o.endpoint().host())) {
        answered.merge(d.resolver(), d.ok() && !d.addresses().isEmpty(), Boolean::logicalOr);
        roles.put(d.resolver(), "system".equals(d.resolver()) ? org.censorprobe.format.interpret.ResolverRole.SYSTEM
            : org.censorprobe.format.interpret.ResolverRole.EXTRA);
      }
      for (DnsObservation d : last(o.controlDns(), o.endpoint().host())) {
        answered.merge(d.resolver(), d.ok() && !d.addresses().isEmpty(), Boolean::logicalOr);
        roles.put(d.resolver(), org.censorprobe.format.interpret.ResolverRole.CONTROL);
      }
      answered.forEach((r, ok) -> {
        int[] x = n.computeIfAbsent(r, k -> new int[2]);
        x[0]++;
        if (ok) x[1]++;
      });
    }
    List<ResolverBaseline> bs = new ArrayList<>();
    n.forEach((r, x) -> bs.add(new ResolverBaseline(r, roles.get(r), x[0], x[1])));
    return new RoundContext(controls.size(), 0, domestic, 0, null, bs);
  }

  /** The last attempt of every (resolver, type) query for {@code host}. */
  private static List<DnsObservation> last(List<DnsObservation> all, String host) {
    Map<String, DnsObservation> m = new TreeMap<>();
    for (DnsObservation d : all) {
      if (!d.query().equalsIgnoreCase(host)) continue;
      String k = d.resolver() + " " + d.queryType();
      if (!m.containsKey(k) || m.get(k).attempt() < d.attempt()) m.put(k, d);
    }
    return new ArrayList<>(m.values());
  }

  private static List<DnsObservation> allLast(EndpointObservations o) {
    List<DnsObservation> all = new ArrayList<>(o.dns());
    all.addAll(o.controlDns());
    return last(all, o.endpoint().host());
  }

  private static String check(Fact f, EndpointObservations o, Measurement m, JudgedRound round) {
    List<DnsObservation> dns = allLast(o);
    if (f instanceof Fact.Answers a) {
      for (var e : a.byResolver().entrySet()) {
        List<IpAddress> gave = dns.stream().filter(d -> d.resolver().equals(e.getKey()) && d.ok())
            .flatMap(d -> d.addresses().stream()).sorted().distinct().toList();
        if (!gave.equals(e.getValue())) return e.getKey() + " gave " + gave + ", not " + e.getValue();
      }
    } else if (f instanceof Fact.DnsFailures d) {
      for (var e : d.byResolver().entrySet()) {
        List<DnsObservation> qs = dns.stream().filter(x -> x.resolver().equals(e.getKey())).toList();
        if (qs.stream().anyMatch(x -> x.ok() && !x.addresses().isEmpty())) return e.getKey() + " did answer";
        if (qs.stream().noneMatch(x -> x.failure() != null && x.failure().type() == e.getValue())) {
          return e.getKey() + " never failed with " + e.getValue();
        }
      }
    } else if (f instanceof Fact.BogonAnswers b) {
      for (IpAddress x : b.addresses()) {
        boolean seen = dns.stream().filter(d -> d.resolver().equals(b.resolver()))
            .flatMap(d -> d.answers().stream()).anyMatch(ans -> x.equals(ans.address()) && ans.bogon());
        if (!seen) return x + " is not a bogon answer of " + b.resolver();
      }
    } else if (f instanceof Fact.DnsInjection i) {
      boolean seen = false;
      for (DnsObservation d : dns) {
        if (!d.resolver().equals(i.resolver())) continue;
        for (DnsReply r : d.lateReplies()) {
          if (sorted(d.addresses()).equals(i.first()) && sorted(r.addresses()).equals(i.late())) seen = true;
        }
      }
      if (!seen) return "no query with these two replies";
    } else if (f instanceof Fact.Connects c) {
      for (Fact.Connect x : c.connects()) {
        TcpObservation t = lastTcp(o, x.address());
        if (t == null) return "no connect to " + x.address();
        if (t.ok() != x.ok() || !x.ok() && t.failure().type() != x.failure()) return "connect to " + x.address() + " differs";
      }
    } else if (f instanceof Fact.Handshakes h) {
      for (Fact.Handshake x : h.handshakes()) {
        TlsObservation t = lastTls(o.tls(), x.address(), x.serverName());
        if (t == null) return "no handshake with " + x.address();
        if (t.handshakeOk() != (x.failure() == null)) return "handshake with " + x.address() + " differs";
      }
    } else if (f instanceof Fact.SniSwap s) {
      if (s.run()) {
        TlsObservation t = lastTls(o.sniSwap(), s.address(), s.serverName());
        if (t == null) return "no swap at " + s.address();
        if (t.handshakeOk() != s.worked()) return "swap outcome differs";
      } else if (o.sniSwap().stream().anyMatch(t -> t.target().equals(s.address()))) {
        return "a swap was run at " + s.address();
      }
    } else if (f instanceof Fact.Certificate c) {
      boolean seen = o.tls().stream().anyMatch(t -> t.target().equals(c.address())
          && t.chain().stream().anyMatch(x -> Objects.equals(x.issuer(), c.issuer())));
      if (!seen) return "no chain at " + c.address() + " issued by " + c.issuer();
    } else if (f instanceof Fact.HttpResponse r) {
      if (o.http().stream().noneMatch(h -> h.url().equals(r.url()) && h.statusCode() == r.statusCode())) {
        return "no response " + r.statusCode() + " from " + r.url();
      }
    } else if (f instanceof Fact.HttpFailure r) {
      if (o.http().stream().noneMatch(h -> h.url().equals(r.url()) && h.failure() != null
          && h.failure().type() == r.failure())) {
        return "no failed request to " + r.url();
      }
    } else if (f instanceof Fact.Remote r) {
      if (o.helper() == null) return "no helper was asked";
      if (r.reachable() != o.helper().answered()) return "the helper's reachability differs";
    } else if (f instanceof Fact.CrossPlatform c) {
      for (String p : c.platforms()) {
        boolean failing = round.platforms().stream().anyMatch(x -> x.platform().equals(p)
            && x.judgement().verdict() != org.censorprobe.format.interpret.Verdict.OK);
        if (!failing) return p + " did not fail in this round";
      }
    } else if (f instanceof Fact.Host h) {
      if (!h.host().equals(o.endpoint().host())) return "another name";
    }
    return null;
  }

  private static List<IpAddress> sorted(List<IpAddress> a) {
    List<IpAddress> s = new ArrayList<>(a);
    s.sort(null);
    return s;
  }

  private static TcpObservation lastTcp(EndpointObservations o, IpPort t) {
    TcpObservation best = null;
    for (TcpObservation x : o.tcp()) {
      if (x.target().equals(t) && (best == null || x.attempt() > best.attempt())) best = x;
    }
    return best;
  }

  private static TlsObservation lastTls(List<TlsObservation> all, IpPort t, String sni) {
    TlsObservation best = null;
    for (TlsObservation x : all) {
      if (x.target().equals(t) && Objects.equals(x.serverName(), sni) && (best == null || x.attempt() > best.attempt())) {
        best = x;
      }
    }
    return best;
  }

}
