package org.censorprobe.probe.rejudge;

import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;

/** "blocked dns.failure -> ok": a verdict and its method before and after, the key of the summary's counts. */
public record Transition(Verdict fromVerdict, Method fromMethod, Verdict toVerdict, Method toMethod)
    implements Comparable<Transition> {

  public static Transition of(Judgement before, Judgement after) {
    return new Transition(before == null ? null : before.verdict(), before == null ? null : before.method(),
        after.verdict(), after.method());
  }

  private static String text(Verdict v, Method m) {
    if (v == null) return "unjudged";
    return m == null ? v.label() : v.label() + " " + m.wire();
  }

  @Override
  public String toString() {
    return text(fromVerdict, fromMethod) + " -> " + text(toVerdict, toMethod);
  }

  @Override
  public int compareTo(Transition o) {
    return toString().compareTo(o.toString());
  }
}
