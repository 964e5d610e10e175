package org.censorprobe.probe.config;

/** A non-sensitive endpoint measured in every round; {@code domestic} ones are hosted inside the country. */
public record ControlTarget(Endpoint endpoint, boolean domestic) {}
