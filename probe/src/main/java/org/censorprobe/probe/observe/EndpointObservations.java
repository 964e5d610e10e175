package org.censorprobe.probe.observe;

import java.time.Instant;
import java.util.List;
import org.censorprobe.probe.config.Endpoint;

/**
 * Everything measured for one endpoint in one round: the facts, before any interpretation.
 * {@code dns} holds the local resolvers' queries, {@code controlDns} the control resolver's. {@code sniSwap}
 * holds the repeat handshakes with the neutral server name (empty unless a TLS handshake failed).
 * Every attempt is kept: a retried step appears twice, with attempt 1 and 2. {@code helper} is null when no remote
 * control vantage is configured.
 */
public record EndpointObservations(
    Endpoint endpoint,
    Instant startedAt,
    double durationMs,
    List<DnsObservation> dns,
    List<DnsObservation> controlDns,
    List<TcpObservation> tcp,
    List<TlsObservation> tls,
    List<TlsObservation> sniSwap,
    List<HttpExchange> http,
    HelperObservation helper) {

  /** Without a remote vantage. */
  public EndpointObservations(Endpoint endpoint, Instant startedAt, double durationMs, List<DnsObservation> dns,
                              List<DnsObservation> controlDns, List<TcpObservation> tcp, List<TlsObservation> tls,
                              List<TlsObservation> sniSwap, List<HttpExchange> http) {
    this(endpoint, startedAt, durationMs, dns, controlDns, tcp, tls, sniSwap, http, null);
  }

  public EndpointObservations {
    dns = List.copyOf(dns);
    controlDns = List.copyOf(controlDns);
    tcp = List.copyOf(tcp);
    tls = List.copyOf(tls);
    sniSwap = List.copyOf(sniSwap);
    http = List.copyOf(http);
  }
}
