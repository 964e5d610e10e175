package org.censorprobe.reporter.incidents;

/**
 * Groups methods ({@code layer.reason}) into the families an event is told by. Checked in this order: the
 * network's own failure, SNI filtering (any method naming sni), blockpages (any naming blockpage), then the
 * layer: dns, ip/tcp, tls, http. Documented in docs/report-format.md.
 */
public enum MethodFamily {
  NETWORK("network", "network outage"),
  SNI("sni", "SNI filtering"),
  BLOCKPAGE("blockpage", "blockpage"),
  DNS("dns", "DNS tampering or failure"),
  IP("ip", "IP/TCP blocking or failure"),
  TLS("tls", "TLS interference or failure"),
  HTTP("http", "HTTP filtering or failure"),
  OTHER("other", "unclassified failures");

  private final String id;
  private final String label;

  MethodFamily(String id, String label) {
    this.id = id;
    this.label = label;
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
    if (m.startsWith("dns.")) return DNS;
    if (m.startsWith("tcp.") || m.startsWith("ip.")) return IP;
    if (m.startsWith("tls.")) return TLS;
    if (m.startsWith("http.")) return HTTP;
    return OTHER;
  }
}
