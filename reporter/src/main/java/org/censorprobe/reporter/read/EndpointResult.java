package org.censorprobe.reporter.read;

import java.util.function.Supplier;
import org.censorprobe.format.interpret.Method;

/**
 * One endpoint's verdict in a round. The evidence is read only when asked for: most rounds never need it, and
 * reading every record is what would make a report over a year of data slow. It may be null when the record
 * could not be read.
 */
public record EndpointResult(String endpoint, Status status, Method method, Supplier<EvidenceSample> evidence) {}
