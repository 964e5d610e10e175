package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.probe.version.ProbeVersion;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;

/**
 * Measures what a request asks, from this (uncensored) vantage, with the probe's own engine and caps, after the
 * {@link TargetPolicy} has vetted every address. Names are resolved here, once, and only the vetted addresses are
 * dialled, so a name that changes its answer between the check and the connect (DNS rebinding) gains nothing.
 */
public final class ControlService {
  private final EndpointMeasurer measurer;
  private final ResolverSpec resolver;
  private final TargetPolicy policy;

  public ControlService(EndpointMeasurer measurer, ResolverSpec resolver, TargetPolicy policy) {
    this.measurer = measurer;
    this.resolver = resolver;
    this.policy = policy;
  }

  /** Either a response, or the reason the request is refused. */
  public sealed interface Outcome permits Answered, Refused {}

  public record Answered(ThResponse response) implements Outcome {}

  public record Refused(Refusal refusal) implements Outcome {}

  public Outcome handle(ThRequest request) {
    Endpoint endpoint;
    try {
      endpoint = endpointOf(request);
    } catch (IllegalArgumentException e) {
      return refuse(Refusal.BAD_URL, e.getMessage());
    }
    if (!policy.portAllowed(endpoint.port())) {
      return refuse(Refusal.PORT_NOT_ALLOWED, "port " + endpoint.port() + " is not allowed here");
    }
    List<InetAddress> probeAddresses = new ArrayList<>();
    if (request.tcpConnect().size() > policy.maxAddresses()) {
      return refuse(Refusal.TOO_MANY_ADDRESSES, "at most " + policy.maxAddresses() + " tcp_connect entries");
    }
    for (String entry : request.tcpConnect()) {
      IpPort hp = ipPort(entry);
      if (hp == null) return refuse(Refusal.BAD_REQUEST, "tcp_connect entry is not IP:PORT: " + clip(entry));
      if (!policy.portAllowed(hp.port())) return refuse(Refusal.PORT_NOT_ALLOWED, "port " + hp.port());
      InetAddress address = hp.address().toInetAddress();
      if (!policy.addressAllowed(address)) {
        return refuse(Refusal.ADDRESS_NOT_PUBLIC, hp.address() + " is not a public address");
      }
      probeAddresses.add(address);
    }

    List<DnsObservation> dns = List.of();
    List<InetAddress> resolved = new ArrayList<>();
    InetAddress literal = IpLiterals.parse(endpoint.host());
    if (literal != null) {
      if (!policy.addressAllowed(literal)) {
        return refuse(Refusal.ADDRESS_NOT_PUBLIC, literal.getHostAddress() + " is not a public address");
      }
      resolved.add(literal);
    } else {
      dns = measurer.resolve(resolver, endpoint.host());
      for (DnsObservation d : dns) {
        for (IpAddress a : d.addresses()) {
          InetAddress addr = a.toInetAddress();
          if (!policy.addressAllowed(addr)) {
            return refuse(Refusal.NAME_NOT_PUBLIC, endpoint.host() + " resolves to " + a);
          }
          if (!resolved.contains(addr)) resolved.add(addr);
        }
      }
    }

    Set<IpAddress> dial = new LinkedHashSet<>();
    for (InetAddress a : probeAddresses) dial.add(IpAddress.of(a));
    for (InetAddress a : resolved) dial.add(IpAddress.of(a));
    List<IpAddress> addresses = dial.stream().limit(policy.maxAddresses()).toList();
    EndpointMeasurer.Dialled dialled = measurer.dial(endpoint, addresses);

    ThResponse.HttpRequest http = null;
    if (endpoint.kind() == Endpoint.Kind.URL) {
      http = !resolved.isEmpty() ? httpOf(measurer.fetch(endpoint, resolved)) : noHttp(dns);
    }
    return new Answered(new ThResponse(dnsOf(dns, resolved, literal != null), tcpOf(dialled, endpoint.port()),
        tlsOf(dialled), http, ipInfo(probeAddresses, resolved, dialled, endpoint), ProbeVersion.current()));
  }

  private static Endpoint endpointOf(ThRequest r) {
    if (r.xEndpoint() != null) {
      Endpoint e = Endpoint.parse(r.xEndpoint());
      if (e.kind() == Endpoint.Kind.URL || !e.dials()) {
        throw new IllegalArgumentException("x_endpoint must be tls:// or tcp://");
      }
      return e;
    }
    if (r.httpRequest() == null) throw new IllegalArgumentException("http_request is missing");
    Endpoint e = Endpoint.parse(r.httpRequest());
    if (e.kind() != Endpoint.Kind.URL) throw new IllegalArgumentException("http_request must be http:// or https://");
    return e;
  }

  private static ThResponse.Dns dnsOf(List<DnsObservation> dns, List<InetAddress> resolved, boolean literal) {
    List<String> addrs = resolved.stream().map(a -> IpAddress.of(a).toString()).toList();
    if (literal || !addrs.isEmpty()) return new ThResponse.Dns(null, addrs);
    String failure = dns.stream().filter(d -> d.failure() != null).map(d -> d.failure().type().wire()).findFirst()
        .orElse(FailureType.DNS_NO_ANSWER.wire());
    return new ThResponse.Dns(failure, addrs);
  }

  private static Map<String, ThResponse.TcpConnect> tcpOf(EndpointMeasurer.Dialled d, int port) {
    Map<String, ThResponse.TcpConnect> out = new LinkedHashMap<>();
    for (TcpObservation t : d.tcp()) { // the last attempt decides
      out.put(new IpPort(t.address(), port).toString(), new ThResponse.TcpConnect(t.ok(), fail(t.failure())));
    }
    return out;
  }

  private static Map<String, ThResponse.TlsHandshake> tlsOf(EndpointMeasurer.Dialled d) {
    Map<String, ThResponse.TlsHandshake> out = new LinkedHashMap<>();
    for (TlsObservation t : d.tls()) {
      TlsObservation swap = d.sniSwap().stream().filter(s -> s.address().equals(t.address())).findFirst()
          .orElse(null);
      out.put(t.target().toString(), new ThResponse.TlsHandshake(t.serverName(), t.ok(),
          t.failure() != null ? fail(t.failure()) : fail(t.validationFailure()),
          fail(t.validationFailure()), chainOf(t.chain()), t.durationMs(),
          swap == null || t.handshakeOk() ? null
              : new ThResponse.SniSwap(swap.serverName(), swap.handshakeOk(), fail(swap.failure()))));
    }
    return out;
  }

  private static List<Map<String, String>> chainOf(List<CertificateInfo> chain) {
    List<Map<String, String>> out = new ArrayList<>();
    for (CertificateInfo c : chain) {
      out.add(Map.of("subject", c.subject(), "issuer", c.issuer(), "sha256", c.sha256()));
    }
    return out;
  }

  private static ThResponse.HttpRequest httpOf(List<HttpExchange> exchanges) {
    if (exchanges.isEmpty()) return new ThResponse.HttpRequest(0, "unknown_failure", null, Map.of(), 0);
    HttpExchange last = exchanges.get(exchanges.size() - 1);
    Map<String, String> headers = new LinkedHashMap<>();
    last.headers().forEach((k, v) -> {
      if (headers.size() < 64 && !v.isEmpty()) headers.put(k, clip(v.get(0)));
    });
    return new ThResponse.HttpRequest(last.bodyLength(), fail(last.failure()), last.title(), headers,
        last.statusCode());
  }

  private static ThResponse.HttpRequest noHttp(List<DnsObservation> dns) {
    String failure = dns.stream().filter(d -> d.failure() != null).map(d -> d.failure().type().wire()).findFirst()
        .orElse(FailureType.DNS_NO_ANSWER.wire());
    return new ThResponse.HttpRequest(0, failure, null, Map.of(), 0);
  }

  private static Map<String, ThResponse.IpInfo> ipInfo(List<InetAddress> fromProbe, List<InetAddress> fromResolver,
                                                       EndpointMeasurer.Dialled d, Endpoint endpoint) {
    Map<String, ThResponse.IpInfo> out = new LinkedHashMap<>();
    Set<InetAddress> all = new LinkedHashSet<>(fromResolver);
    all.addAll(fromProbe);
    for (InetAddress a : all) {
      IpAddress text = IpAddress.of(a);
      int flags = 0;
      if (fromResolver.contains(a)) flags |= ThResponse.IpInfo.FLAG_RESOLVER;
      if (fromProbe.contains(a)) flags |= ThResponse.IpInfo.FLAG_PROBE;
      boolean valid = d.tls().stream().anyMatch(t -> t.address().equals(text) && t.ok()
          && endpoint.host().equalsIgnoreCase(t.serverName()));
      if (valid) flags |= ThResponse.IpInfo.FLAG_VALID_FOR_DOMAIN;
      out.put(text.toString(), new ThResponse.IpInfo(0, flags)); // no ASN database here: 0 is OONI's "unknown"
    }
    return out;
  }

  private static String fail(org.censorprobe.format.observe.Failure f) {
    return f == null ? null : f.type().wire();
  }

  private static Refused refuse(String reason, String detail) {
    return new Refused(Refusal.badRequest(reason, detail));
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /** An {@code ip:port} or {@code [v6]:port} entry with a port from 1 to 65535; only literals, never names. */
  private static IpPort ipPort(String s) {
    if (s == null) return null;
    try {
      IpPort p = IpPort.parse(s);
      return p.port() >= 1 ? p : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
