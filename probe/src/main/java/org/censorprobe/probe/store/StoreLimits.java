package org.censorprobe.probe.store;

/**
 * What may be deleted, and when the store is full.
 *
 * @param maxBytes the disk cap ({@code store.max_size}); 0 for none
 * @param keepUndelivered true with an outbox ({@code upload:} configured): retention and the cap never delete a
 *     row the central store does not have in its current revision
 */
public record StoreLimits(long maxBytes, boolean keepUndelivered) {
  public static final StoreLimits NONE = new StoreLimits(0, false);

  public StoreLimits {
    if (maxBytes < 0) throw new IllegalArgumentException("maxBytes < 0");
  }

  public boolean capped() {
    return maxBytes > 0;
  }
}
