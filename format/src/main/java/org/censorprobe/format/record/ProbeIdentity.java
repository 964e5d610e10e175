package org.censorprobe.format.record;

/** Who and where a probe is: metric labels and report headers. {@code asn} is 0 when unknown. */
public record ProbeIdentity(String id, String country, String network, long asn) {}
