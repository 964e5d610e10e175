package org.censorprobe.probe.store;

import java.time.Instant;

/** A round in the store: its id and when its first measurement was taken (rounds are replayed in this order). */
public record StoredRound(String roundId, Instant startedAt) {}
