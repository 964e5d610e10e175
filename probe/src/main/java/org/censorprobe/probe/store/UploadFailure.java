package org.censorprobe.probe.store;

import java.time.Instant;

/**
 * An episode of failed uploads with one reason: a fact about the path to the central store ("connect timed
 * out from 00:50 to 03:10, 14 attempts"), never a verdict about censorship.
 *
 * @param endedAt when an upload next succeeded; null while it goes on
 */
public record UploadFailure(long id, Instant startedAt, Instant lastFailedAt, Instant endedAt, int attempts,
                            String reason, String detail) {}
