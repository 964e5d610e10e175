package org.censorprobe.probe.config;

import java.time.Duration;

/**
 * Deadlines. {@code dns}, {@code tcp}, {@code tls} and {@code http} each bound one attempt of one step on one
 * address ({@code http}: one redirect chain's requests). {@code endpoint} bounds one endpoint's whole measurement,
 * every step, retry and the remote vantage included; by default every step's deadline twice
 * ({@link #derivedEndpoint}): a failed step's retry fits, whichever step the network stalls.
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

  /**
   * The default endpoint budget: {@code 2 x (dns + tcp + tls + http)} (80 s with the default steps), so that an
   * attempt and its retry fit for the step a hostile network stalls (a stalled request costs {@code http} twice, a
   * silent SNI filter {@code tls} three times with the SNI swap) with the other steps' time to spare.
   */
  public static Duration derivedEndpoint(Duration dns, Duration tcp, Duration tls, Duration http) {
    return dns.plus(tcp).plus(tls).plus(http).multipliedBy(2);
  }
}
