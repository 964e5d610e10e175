package org.censorprobe.probe.store;

import java.time.Instant;

/**
 * How much the central store is missing.
 *
 * @param pending rows not delivered in their current revision
 * @param oldestPending measured_at of the oldest of them; null when none
 */
public record OutboxState(long pending, Instant oldestPending) {}
