package org.censorprobe.reporter.incidents;

import java.util.List;
import org.censorprobe.format.record.ProbeIdentity;

/** One platform's history on one probe as bands; {@code platform} is {@link #NETWORK} for the probe's network. */
public record Timeline(ProbeIdentity probe, String platform, String platformName, List<Band> bands) {
  public static final String NETWORK = "network";

  public Timeline {
    bands = List.copyOf(bands);
  }

  /** A resolver's own history (a subject of its own, not a platform). */
  public boolean resolver() {
    return platform.startsWith(org.censorprobe.reporter.read.RoundAssembler.RESOLVER_PREFIX);
  }
}
