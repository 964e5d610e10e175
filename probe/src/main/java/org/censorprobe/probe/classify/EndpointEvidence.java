package org.censorprobe.probe.classify;

import java.util.Objects;
import org.censorprobe.probe.observe.EndpointObservations;

/** One platform endpoint's observations and, when a helper was configured, what the remote vantage saw. */
public record EndpointEvidence(EndpointObservations observations, RemoteView remote) {
  public EndpointEvidence {
    Objects.requireNonNull(observations, "observations");
  }

  public String spec() {
    return observations.endpoint().spec();
  }
}
