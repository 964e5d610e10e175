package org.censorprobe.probe.measure.bounds;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The measuring sockets an engine has open: flows' TCP connections and DNS queries' UDP and TCP sockets, counted
 * from the moment the OS socket exists until it is closed. {@link #peak()} is the most ever open at once, which the
 * bound in docs/architecture.md holds. Thread-safe.
 */
public final class Sockets {
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  public void opened() {
    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
  }

  public void closed() {
    open.decrementAndGet();
  }

  public int open() {
    return open.get();
  }

  public int peak() {
    return peak.get();
  }
}
