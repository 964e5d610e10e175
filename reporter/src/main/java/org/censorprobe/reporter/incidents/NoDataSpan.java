package org.censorprobe.reporter.incidents;

import java.time.Instant;

/** A gap in the data inside an incident: no round from {@code from} to {@code to}. */
public record NoDataSpan(Instant from, Instant to) {}
