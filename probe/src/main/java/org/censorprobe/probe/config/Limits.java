package org.censorprobe.probe.config;

/**
 * Bounds that keep a hostile network from hanging a round or exhausting memory.
 * Sizes in bytes. {@code concurrency} is how many endpoints a round measures at once.
 */
public record Limits(int concurrency, long bodyBytes, long decompressedBytes, long headerBytes, int redirects,
                     int addressesPerEndpoint) {
  public static final Limits DEFAULTS = new Limits(32, 512 * 1024, 4 * 1024 * 1024, 64 * 1024, 10, 8);
}
