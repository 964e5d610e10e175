package org.censorprobe.format.interpret;

import static org.censorprobe.format.interpret.Technique.*;

import java.util.HashMap;
import java.util.Map;

/**
 * Every method a verdict can carry, spelled once. {@code wire} is {@code layer.reason} as written in JSON and
 * metrics; {@code symptom} says what was observed in words that accuse no one (for any verdict); {@code technique}
 * is the blocking technique the method is evidence of when the verdict is {@code blocked} (null for methods that
 * are never blocking). Each is documented in docs/classification.md.
 */
public enum Method {
  DNS_NXDOMAIN("dns.nxdomain", Layer.DNS, "the name did not resolve (NXDOMAIN)", DNS_TAMPERING),
  DNS_BOGON("dns.bogon", Layer.DNS, "a special-purpose address as the answer", DNS_TAMPERING),
  DNS_KNOWN_BLOCKING_ADDRESS("dns.known_blocking_address", Layer.DNS, "a known blocking address as the answer",
      DNS_TAMPERING),
  DNS_INCONSISTENT("dns.inconsistent", Layer.DNS, "DNS answers unlike the control's", DNS_TAMPERING),
  DNS_INJECTED("dns.injected", Layer.DNS, "two different replies to one DNS query", DNS_TAMPERING),
  DNS_TIMEOUT("dns.timeout", Layer.DNS, "DNS queries timed out", DNS_TAMPERING),
  DNS_SERVFAIL("dns.servfail", Layer.DNS, "DNS SERVFAIL", DNS_TAMPERING),
  DNS_REFUSED("dns.refused", Layer.DNS, "DNS query refused", DNS_TAMPERING),
  DNS_NO_ANSWER("dns.no_answer", Layer.DNS, "DNS reply without an address", DNS_TAMPERING),
  DNS_FAILURE("dns.failure", Layer.DNS, "DNS lookup failed", DNS_TAMPERING),
  DNS_RESOLVER_DOWN("dns.resolver_down", Layer.DNS, "the probe's own resolver is down", null),
  DNS_RESOLVER_UNREACHABLE("dns.resolver_unreachable", Layer.DNS, "the resolver did not answer",
      RESOLVER_BLOCKING),

  TCP_REFUSED("tcp.refused", Layer.TCP, "TCP connections refused", IP_BLOCKING),
  TCP_TIMEOUT("tcp.timeout", Layer.TCP, "TCP connections timed out", IP_BLOCKING),
  TCP_UNREACHABLE("tcp.unreachable", Layer.TCP, "addresses unreachable", IP_BLOCKING),
  TCP_FAILURE("tcp.failure", Layer.TCP, "TCP connections failed", IP_BLOCKING),
  TCP_PARTIAL("tcp.partial", Layer.TCP, "some addresses could not be connected to", IP_BLOCKING),

  TLS_RESET("tls.reset", Layer.TLS, "TLS handshakes reset", TLS_BLOCKING),
  TLS_TIMEOUT("tls.timeout", Layer.TLS, "TLS handshakes timed out", TLS_BLOCKING),
  TLS_EOF("tls.eof", Layer.TLS, "TLS handshakes cut off", TLS_BLOCKING),
  TLS_FAILURE("tls.failure", Layer.TLS, "TLS handshakes failed", TLS_BLOCKING),
  TLS_PARTIAL("tls.partial", Layer.TLS, "TLS handshakes failed on some addresses", TLS_BLOCKING),
  TLS_SNI_FILTERED("tls.sni_filtered", Layer.TLS, "handshakes failed for this server name only", SNI_FILTERING),
  TLS_INTERCEPTION("tls.interception", Layer.TLS, "a certificate from an interception authority",
      Technique.TLS_INTERCEPTION),
  TLS_SERVER_CERTIFICATE("tls.server_certificate", Layer.TLS, "a certificate that failed validation",
      Technique.TLS_INTERCEPTION),
  TLS_THROTTLED("tls.throttled", Layer.TLS, "TLS handshakes far slower than the controls'", THROTTLING),

  HTTP_BLOCKPAGE("http.blockpage", Layer.HTTP, "a known blockpage", BLOCKPAGE),
  HTTP_STATUS_451("http.status_451", Layer.HTTP, "HTTP 451 (Unavailable For Legal Reasons)", BLOCKPAGE),
  HTTP_RESET("http.reset", Layer.HTTP, "HTTP requests reset", HTTP_FILTERING),
  HTTP_TIMEOUT("http.timeout", Layer.HTTP, "HTTP requests timed out", HTTP_FILTERING),
  HTTP_EOF("http.eof", Layer.HTTP, "HTTP connections closed without a response", HTTP_FILTERING),
  HTTP_FAILURE("http.failure", Layer.HTTP, "HTTP requests failed", HTTP_FILTERING),
  HTTP_SERVER_ERROR("http.server_error", Layer.HTTP, "HTTP server errors (5xx)", null),
  HTTP_THROTTLED("http.throttled", Layer.HTTP, "transfers far slower than the controls'", THROTTLING),

  NETWORK_DOWN("network.down", Layer.NETWORK, "the probe's own uplink was down", null),
  NETWORK_GATEWAY_CUT("network.gateway_cut", Layer.NETWORK, "every international control failed", null),
  NETWORK_CAPTIVE_PORTAL("network.captive_portal", Layer.NETWORK, "a captive portal answered every name", null),

  TARGET_DOWN("target.down", Layer.TARGET, "the platform's server was down", null),
  TARGET_GONE("target.gone", Layer.TARGET, "the name no longer exists", null),
  TARGET_GEOBLOCKED("target.geoblocked", Layer.TARGET, "the site itself refused this network (HTTP 451)", null),

  CONTROL_UNEXPECTED_CONTENT("control.unexpected_content", Layer.CONTROL,
      "a control answered with other content than it serves", null),

  PROBE_NO_ROUTE("probe.no_route", Layer.PROBE, "the probe has no route for the address family", null);

  private static final Map<String, Method> BY_WIRE = new HashMap<>();

  static {
    for (Method m : values()) BY_WIRE.put(m.wire, m);
  }

  private final String wire;
  private final Layer layer;
  private final String symptom;
  private final Technique technique;

  Method(String wire, Layer layer, String symptom, Technique technique) {
    this.wire = wire;
    this.layer = layer;
    this.symptom = symptom;
    this.technique = technique;
  }

  public String wire() {
    return wire;
  }

  public Layer layer() {
    return layer;
  }

  public String symptom() {
    return symptom;
  }

  /** Null for methods that are never evidence of blocking. */
  public Technique technique() {
    return technique;
  }

  /** What a heading may call a verdict with this method: the technique only when blocked, else the symptom. */
  public String describe(Verdict verdict) {
    return verdict == Verdict.BLOCKED && technique != null ? technique.label() : symptom;
  }

  public static Method fromWire(String wire) {
    Method m = BY_WIRE.get(wire);
    if (m == null) throw new IllegalArgumentException("unknown method '" + wire + "'");
    return m;
  }

  @Override
  public String toString() {
    return wire;
  }
}
