package org.censorprobe.reporter.read;

import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.RoundContext;

/** What a failing round needs of one of its records: the platform's roll-up and the round's context. */
public record Rollup(PlatformVerdict platform, RoundContext round) {
  public static final Rollup NONE = new Rollup(null, null);
}
