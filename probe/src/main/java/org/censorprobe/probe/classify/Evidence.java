package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.FactText;
import org.censorprobe.format.interpret.Layer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;

/**
 * The evidence sentence, written from the verdict, its facts and the round's context only, so that it can claim
 * nothing the record does not hold: a headline ("Blocked (SNI filtering)", "Inconclusive: TCP connections timed
 * out"), then one clause per fact in a fixed order, then the baselines the verdict leans on.
 */
final class Evidence {
  private static final List<String> ORDER = List.of("host", "dns_injection", "bogon_answers", "blocking_address",
      "dns_failures", "answers", "dns_consistency", "tampered_names", "connects", "handshakes", "sni_swap",
      "certificate", "http", "http_failure", "blockpage_fingerprint", "then", "captive_portal", "unexpected_content",
      "throttle", "cross_platform", "helper", "endpoint_method", "missing", "retried");

  private Evidence() {}

  /** Facts in the one order every record writes them in (unknown keys last, by key). */
  static List<Fact> ordered(Collection<Fact> facts) {
    List<Fact> out = new ArrayList<>(facts);
    out.sort(Comparator.comparingInt((Fact f) -> {
      int i = ORDER.indexOf(f.key());
      return i < 0 ? ORDER.size() : i;
    }).thenComparing(Fact::key));
    return out;
  }

  static String write(Verdict verdict, Method method, List<Fact> facts, RoundContext round, String host) {
    FactText text = FactText.of(round);
    List<String> clauses = new ArrayList<>();
    for (Fact f : ordered(facts)) {
      if (f instanceof Fact.Host) continue;
      clauses.add(text.clause(f, host));
    }
    String context = context(verdict, method, facts, round, text);
    if (context != null) clauses.add(context);
    String head = headline(verdict, method);
    return clauses.isEmpty() ? head + "." : head + ": " + String.join("; ", clauses) + ".";
  }

  static String headline(Verdict verdict, Method method) {
    if (method == null) return verdict == Verdict.OK ? "Reachable" : capital(verdict.label());
    return switch (verdict) {
      case OK -> "Reachable";
      case BLOCKED -> "Blocked (" + method.describe(verdict) + ")";
      case TECHNICAL -> "Technical: " + method.symptom();
      case INCONCLUSIVE -> "Inconclusive: " + method.symptom();
    };
  }

  /**
   * The baselines a verdict leans on: for a DNS verdict, how each resolver it names did on the control names; for
   * a blocked or network-wide verdict, how the controls stood (and that one control is a weak witness).
   */
  private static String context(Verdict verdict, Method method, List<Fact> facts, RoundContext round,
                                FactText text) {
    if (round == null) return null;
    List<String> parts = new ArrayList<>();
    boolean dns = method != null && method.layer() == Layer.DNS;
    if (dns) {
      Set<String> named = new LinkedHashSet<>();
      for (Fact f : facts) {
        if (f instanceof Fact.Answers a) named.addAll(a.byResolver().keySet());
        if (f instanceof Fact.DnsFailures d) named.addAll(d.byResolver().keySet());
      }
      for (String r : new java.util.TreeSet<>(named)) {
        round.resolver(r).ifPresent(b -> parts.add(baseline(text, b)));
      }
    }
    boolean network = method != null && method.layer() == Layer.NETWORK;
    if (verdict == Verdict.BLOCKED || network || method == Method.DNS_RESOLVER_DOWN) {
      if (round.controlsTotal() == 0) {
        parts.add("no controls are configured");
      } else {
        parts.add(round.controlsOk() + " of " + round.controlsTotal() + " " + plural(round.controlsTotal(), "control")
            + " reachable" + (round.controlsTotal() == 1 ? " (a single control is a weak witness)" : ""));
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  static String baseline(FactText text, ResolverBaseline b) {
    return text.resolver(b.resolver()) + " answered " + b.answered() + " of " + b.asked() + " control "
        + plural(b.asked(), "name");
  }

  static String plural(int n, String word) {
    return n == 1 ? word : word + "s";
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
