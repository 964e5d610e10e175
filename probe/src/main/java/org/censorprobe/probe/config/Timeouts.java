package org.censorprobe.probe.config;

import java.time.Duration;

/** Per-step deadlines. Each bounds one attempt of one step on one address, never a whole round. */
public record Timeouts(Duration dns, Duration tcp, Duration tls, Duration http) {
  public static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15));
}
