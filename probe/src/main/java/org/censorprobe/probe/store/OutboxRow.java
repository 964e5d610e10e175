package org.censorprobe.probe.store;

import java.time.Instant;

/**
 * A pending row: the columns the central store files it under, its revision, and the record as stored (opaque:
 * the uploader never interprets it beyond the probe's network, ASN and country).
 */
public record OutboxRow(long rowid, String id, String roundId, Instant measuredAt, String probe, String role,
                        String platform, String endpoint, String verdict, String method, int revision,
                        String classifier, String record) {}
