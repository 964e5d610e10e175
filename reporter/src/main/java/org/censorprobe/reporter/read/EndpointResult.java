package org.censorprobe.reporter.read;

import java.util.function.Supplier;

/**
 * One endpoint's verdict in a round. The evidence is parsed only when asked for: most rounds never need it, and
 * parsing every record is what would make a report over a year of data slow.
 */
public record EndpointResult(String endpoint, Status status, String method, Supplier<EvidenceSample> evidence) {}
