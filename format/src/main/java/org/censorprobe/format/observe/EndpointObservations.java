package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * Everything measured for one endpoint in one round: the facts, before any interpretation. {@code dns} holds the
 * queries to the system resolver and the extra resolvers ({@code resolvers:}), including the lookups of redirect
 * hosts; {@code controlDns} the control resolver's. {@code tcp}, {@code tls} and {@code http} are linked per
 * connection by their {@code flow}. {@code sniSwap} holds the repeat handshakes with the neutral server name (empty
 * unless a handshake failed). Every attempt is kept: a retried step appears twice, attempts 1 and 2. {@code helper}
 * is null when no remote control vantage is configured.
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
    HelperObservation helper) implements Steps {

  public EndpointObservations {
    Objects.requireNonNull(endpoint, "endpoint");
    dns = List.copyOf(dns);
    controlDns = List.copyOf(controlDns);
    tcp = List.copyOf(tcp);
    tls = List.copyOf(tls);
    sniSwap = List.copyOf(sniSwap);
    http = List.copyOf(http);
  }

  /** Nothing measured (a resolver's own record, which carries its queries only). */
  public static EndpointObservations dnsOnly(Endpoint endpoint, Instant startedAt, List<DnsObservation> dns,
                                             List<DnsObservation> controlDns) {
    return new EndpointObservations(endpoint, startedAt, 0, dns, controlDns, List.of(), List.of(), List.of(),
        List.of(), null);
  }
}
