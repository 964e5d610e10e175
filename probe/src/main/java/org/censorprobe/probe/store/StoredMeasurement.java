package org.censorprobe.probe.store;

import java.time.Instant;

/** One stored row: the indexed columns and the record exactly as {@code probe once --json} writes it. */
public record StoredMeasurement(String id, String roundId, Instant measuredAt, String platform, String endpoint,
                                String verdict, String method, String record) {}
