package org.censorprobe.reporter.incidents;

import java.time.Instant;
import org.censorprobe.reporter.read.Status;

/** A stretch of a timeline in one status; {@code rounds} is 0 for no data. */
public record Band(Status status, Instant from, Instant to, int rounds) {}
