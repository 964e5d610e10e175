package org.censorprobe.format.helper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;

/**
 * What a remote control vantage (an OONI web-connectivity test helper) saw for the same endpoint at the same time,
 * read from the answer a record keeps. {@code reachable} false means no helper could be asked ({@code
 * unreachableReason} says why); then every other field is empty. Failures are read into the one taxonomy; a
 * failure string the helper used that this version does not know becomes {@link FailureType#UNKNOWN}.
 */
public record RemoteView(String helperId, boolean reachable, String unreachableReason, Dns dns,
                         Map<IpPort, Tcp> tcp, Map<IpPort, Tls> tls, Http http) {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public RemoteView {
    tcp = tcp == null ? Map.of() : Map.copyOf(tcp);
    tls = tls == null ? Map.of() : Map.copyOf(tls);
  }

  /** {@code failure} null and {@code addresses} non-empty when the helper's resolver answered. */
  public record Dns(FailureType failure, List<IpAddress> addresses) {
    public Dns {
      addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
  }

  public record Tcp(boolean ok, FailureType failure) {}

  public record Tls(String serverName, boolean ok, FailureType failure) {}

  /** {@code statusCode} 0 when no response head arrived. */
  public record Http(FailureType failure, int statusCode, long bodyLength, String title) {
    /** The helper fetched a page that is not a server error: the target is up from outside. */
    public boolean succeeded() {
      return failure == null && statusCode > 0 && statusCode < 500;
    }
  }

  public static RemoteView unreachable(String helperId, String reason) {
    return new RemoteView(helperId, false, reason, null, Map.of(), Map.of(), null);
  }

  /** Null when no helper was configured; an unreachable view when none answered or the answer is unusable. */
  public static RemoteView of(HelperObservation h) {
    if (h == null) return null;
    if (!h.answered()) {
      String asked = h.attempts().isEmpty() ? "(none asked)" : h.attempts().get(0).helper();
      return unreachable(asked, unreachableReason(h));
    }
    ThResponse r;
    try {
      r = JSON.readValue(h.responseJson(), ThResponse.class);
    } catch (IOException e) {
      return unreachable(h.answeredBy(), "the helper's answer is not in the test-helper format");
    }
    Dns dns = null;
    if (r.dns() != null) {
      List<IpAddress> addrs = new ArrayList<>();
      if (r.dns().addrs() != null) for (String a : r.dns().addrs()) IpAddress.tryParse(a).ifPresent(addrs::add);
      dns = new Dns(failure(r.dns().failure()), addrs);
    }
    Map<IpPort, Tcp> tcp = new LinkedHashMap<>();
    if (r.tcpConnect() != null) {
      r.tcpConnect().forEach((k, v) -> key(k).ifPresent(p -> tcp.put(p, new Tcp(v.status(), failure(v.failure())))));
    }
    Map<IpPort, Tls> tls = new LinkedHashMap<>();
    if (r.tlsHandshake() != null) {
      r.tlsHandshake().forEach((k, v) -> key(k).ifPresent(p ->
          tls.put(p, new Tls(v.serverName(), v.status() && v.xValidationFailure() == null, failure(v.failure())))));
    }
    Http http = r.httpRequest() == null ? null : new Http(failure(r.httpRequest().failure()),
        r.httpRequest().statusCode(), r.httpRequest().bodyLength(), r.httpRequest().title());
    return new RemoteView(h.answeredBy(), true, null, dns, tcp, tls, http);
  }

  /** The helper's DNS addresses, empty when it had none. */
  public List<IpAddress> dnsAddresses() {
    return reachable && dns != null ? dns.addresses() : List.of();
  }

  private static Optional<IpPort> key(String k) {
    try {
      return Optional.of(IpPort.parse(k));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a key that is not ADDRESS:PORT says nothing about our addresses
    }
  }

  private static FailureType failure(String s) {
    return s == null ? null : FailureType.fromWire(s);
  }

  private static String unreachableReason(HelperObservation h) {
    if (h.attempts().isEmpty()) return "no helper was asked";
    StringBuilder s = new StringBuilder();
    for (HelperObservation.Attempt a : h.attempts()) {
      if (s.length() > 0) s.append("; ");
      s.append(a.helper()).append(": ").append(a.failure() == null ? "no answer" : a.failure().type().wire());
    }
    return s.toString();
  }
}
