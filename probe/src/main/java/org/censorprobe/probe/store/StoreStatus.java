package org.censorprobe.probe.store;

/**
 * The store's size against its cap, for the metrics.
 *
 * @param usedBytes pages holding data
 * @param maxBytes the cap; 0 for none
 * @param full true when the latest round was refused for the cap
 * @param cappedRows delivered (or, without an outbox, any) rows deleted early to stay under the cap, since start
 */
public record StoreStatus(long usedBytes, long maxBytes, boolean full, long cappedRows) {}
