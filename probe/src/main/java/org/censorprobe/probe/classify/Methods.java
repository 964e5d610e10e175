package org.censorprobe.probe.classify;

/**
 * Every method a verdict can carry, {@code layer.reason}, spelled once. Each is documented (rule, evidence,
 * confidence, example) in docs/classification.md.
 */
public final class Methods {
  private Methods() {}

  // dns
  public static final String DNS_NXDOMAIN = "dns.nxdomain";
  public static final String DNS_BOGON = "dns.bogon";
  public static final String DNS_KNOWN_BLOCKING_ADDRESS = "dns.known_blocking_address";
  public static final String DNS_INCONSISTENT = "dns.inconsistent";
  public static final String DNS_TIMEOUT = "dns.timeout";
  public static final String DNS_SERVFAIL = "dns.servfail";
  public static final String DNS_REFUSED = "dns.refused";
  public static final String DNS_NO_ANSWER = "dns.no_answer";
  public static final String DNS_FAILURE = "dns.failure";
  public static final String DNS_RESOLVER_DOWN = "dns.resolver_down";

  // tcp
  public static final String TCP_REFUSED = "tcp.refused";
  public static final String TCP_TIMEOUT = "tcp.timeout";
  public static final String TCP_UNREACHABLE = "tcp.unreachable";
  public static final String TCP_FAILURE = "tcp.failure";

  // tls
  public static final String TLS_RESET = "tls.reset";
  public static final String TLS_TIMEOUT = "tls.timeout";
  public static final String TLS_EOF = "tls.eof";
  public static final String TLS_FAILURE = "tls.failure";
  public static final String TLS_SNI_FILTERED = "tls.sni_filtered";
  public static final String TLS_INTERCEPTION = "tls.interception";
  public static final String TLS_SERVER_CERTIFICATE = "tls.server_certificate";
  public static final String TLS_THROTTLED = "tls.throttled";

  // http
  public static final String HTTP_BLOCKPAGE = "http.blockpage";
  public static final String HTTP_RESET = "http.reset";
  public static final String HTTP_TIMEOUT = "http.timeout";
  public static final String HTTP_EOF = "http.eof";
  public static final String HTTP_FAILURE = "http.failure";
  public static final String HTTP_STATUS_451 = "http.status_451";
  public static final String HTTP_SERVER_ERROR = "http.server_error";
  public static final String HTTP_THROTTLED = "http.throttled";

  // round and target
  public static final String NETWORK_DOWN = "network.down";
  public static final String NETWORK_GATEWAY_CUT = "network.gateway_cut";
  public static final String TARGET_DOWN = "target.down";
  public static final String TARGET_GONE = "target.gone";

  // the probe itself cannot measure this
  public static final String PROBE_NO_ROUTE = "probe.no_route";
}
