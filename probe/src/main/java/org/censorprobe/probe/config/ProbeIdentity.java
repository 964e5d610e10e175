package org.censorprobe.probe.config;

/** Who and where this probe is: becomes metric labels and report headers. {@code asn} is 0 when unknown. */
public record ProbeIdentity(String id, String country, String network, int asn) {}
