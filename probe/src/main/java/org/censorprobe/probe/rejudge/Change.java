package org.censorprobe.probe.rejudge;

import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.record.Measurement;

/**
 * One record whose judgement the current classifier would write differently. {@code rejudged} carries the new
 * judgement with the stored one moved to {@code previous}.
 */
public record Change(Measurement stored, Measurement rejudged) {

  public Judgement before() {
    return stored.judgement();
  }

  public Judgement after() {
    return rejudged.judgement();
  }

  /** The verdict or its method changed (not only the confidence, the facts or their wording). */
  public boolean verdictChanged() {
    return before() == null || before().verdict() != after().verdict() || before().method() != after().method();
  }
}
