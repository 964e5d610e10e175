package org.censorprobe.probe.classify;

import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.observe.EndpointObservations;

public record ControlObservations(ControlTarget target, EndpointObservations observations) {}
