package org.censorprobe.reporter.incidents;

/**
 * Groups methods ({@code layer.reason}) into the families an event is told by. Checked in this order: the
 * network's own failure, SNI filtering (any method naming sni), blockpages, interception, throttling, the
 * platform's own outage (target.*), then the layer: dns, ip/tcp, tls, http. Documented in docs/report-format.md.
 */
public enum MethodFamily {
  NETWORK("network", "network outage", "network"),
  SNI("sni", "SNI filtering", "TLS"),
  BLOCKPAGE("blockpage", "a blockpage", "HTTP"),
  INTERCEPTION("interception", "TLS interception", "TLS"),
  THROTTLING("throttling", "throttling", "TLS/HTTP"),
  DNS("dns", "DNS tampering", "DNS"),
  IP("ip", "IP blocking", "TCP/IP"),
  TLS("tls", "TLS interference", "TLS"),
  HTTP("http", "HTTP filtering", "HTTP"),
  TARGET("target", "the platform's own outage", "platform"),
  OTHER("other", "unclassified means", "unknown");

  private final String id;
  private final String label;
  private final String layer;

  MethodFamily(String id, String label, String layer) {
    this.id = id;
    this.label = label;
    this.layer = layer;
  }

  /** The layer, for failures that are not blocking: "technical failures at the TLS layer". */
  public String layer() {
    return layer;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static MethodFamily of(String method) {
    if (method == null) return OTHER;
    String m = method.toLowerCase(java.util.Locale.ROOT);
    if (m.startsWith("network.")) return NETWORK;
    if (m.contains("sni")) return SNI;
    if (m.contains("blockpage")) return BLOCKPAGE;
    if (m.contains("interception")) return INTERCEPTION;
    if (m.contains("throttled")) return THROTTLING;
    if (m.startsWith("target.")) return TARGET;
    if (m.startsWith("dns.")) return DNS;
    if (m.startsWith("tcp.") || m.startsWith("ip.")) return IP;
    if (m.startsWith("tls.")) return TLS;
    if (m.startsWith("http.")) return HTTP;
    return OTHER;
  }
}
