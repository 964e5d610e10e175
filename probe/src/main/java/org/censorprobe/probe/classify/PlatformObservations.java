package org.censorprobe.probe.classify;

import java.util.List;

public record PlatformObservations(String platformId, String platformName, List<EndpointEvidence> endpoints) {
  public PlatformObservations {
    endpoints = List.copyOf(endpoints);
  }
}
