package org.censorprobe.probe.config;

import org.censorprobe.format.endpoint.Endpoint;
import java.util.List;

/** A platform to watch: its id (the YAML key), display name, schedule and endpoints. */
public record Platform(String id, String name, ScheduleSpec schedule, List<Endpoint> endpoints) {
  public Platform {
    endpoints = List.copyOf(endpoints);
  }
}
