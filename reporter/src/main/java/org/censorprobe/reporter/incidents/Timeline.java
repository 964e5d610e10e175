package org.censorprobe.reporter.incidents;

import java.util.List;
import org.censorprobe.reporter.read.ProbeInfo;

/** One platform's history on one probe as bands; {@code platform} is {@link #NETWORK} for the probe's network. */
public record Timeline(ProbeInfo probe, String platform, String platformName, List<Band> bands) {
  public static final String NETWORK = "network";

  public Timeline {
    bands = List.copyOf(bands);
  }
}
