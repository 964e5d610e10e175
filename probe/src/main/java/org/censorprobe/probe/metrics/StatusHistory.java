package org.censorprobe.probe.metrics;

import java.time.Clock;
import java.time.Instant;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status page's last 24 hours, read from the store once before the daemon's first round. */
public final class StatusHistory {
  private static final Logger LOG = LoggerFactory.getLogger(StatusHistory.class);

  private StatusHistory() {}

  /** A store that cannot give its history costs the page its strip until rounds refill it, never the daemon. */
  public static void seed(ProbeMetrics metrics, MeasurementStore store, Clock clock) {
    Instant now = clock.instant();
    try {
      metrics.board().seed(store.platformRounds(now.minus(StatusBoard.HISTORY), now.plusSeconds(1)));
    } catch (StoreException e) {
      LOG.warn("status page: the last 24 hours could not be read from the store: {}", e.getMessage());
    }
  }
}
