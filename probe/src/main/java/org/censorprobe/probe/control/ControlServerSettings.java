package org.censorprobe.probe.control;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The control-server's limits. {@code token} null means no authentication. {@code metricsListen} null means the
 * metrics are served on the main listener's {@code /metrics}.
 */
public record ControlServerSettings(
    InetSocketAddress listen,
    InetSocketAddress metricsListen,
    String token,
    int maxInFlight,
    int maxRequestBytes,
    double ratePerSecond,
    int rateBurst) {

  public static final int DEFAULT_MAX_IN_FLIGHT = 16;
  /** An OONI request is a URL, a few headers and up to a few dozen addresses: 64 KiB is generous. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
  public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(10);
}
