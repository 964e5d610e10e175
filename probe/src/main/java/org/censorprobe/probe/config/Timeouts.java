package org.censorprobe.probe.config;

import java.time.Duration;

/**
 * Deadlines. {@code dns}, {@code tcp}, {@code tls} and {@code http} each bound one attempt of one step on one
 * address ({@code http}: one redirect chain's requests). {@code endpoint} bounds one endpoint's whole measurement,
 * every step, retry and the remote vantage included; by default one deadline of each step end to end
 * ({@link #derivedEndpoint}), which the usual retries of a hostile path fit in.
 */
public record Timeouts(Duration dns, Duration tcp, Duration tls, Duration http, Duration endpoint) {
  public static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15));

  /** The four step deadlines and the endpoint budget derived from them. */
  public Timeouts(Duration dns, Duration tcp, Duration tls, Duration http) {
    this(dns, tcp, tls, http, derivedEndpoint(dns, tcp, tls, http));
  }

  public Timeouts {
    if (endpoint == null) endpoint = derivedEndpoint(dns, tcp, tls, http);
  }

  /** The default endpoint budget: {@code dns + tcp + tls + http} (40 s with the default steps). */
  public static Duration derivedEndpoint(Duration dns, Duration tcp, Duration tls, Duration http) {
    return dns.plus(tcp).plus(tls).plus(http);
  }
}
