package org.censorprobe.format.interpret;

/**
 * The blocking technique a method is evidence of. A report names a technique only for a {@code blocked} verdict:
 * an inconclusive TCP refusal is "TCP connections refused", never "IP blocking".
 */
public enum Technique {
  DNS_TAMPERING("DNS tampering"),
  RESOLVER_BLOCKING("blocking of DNS resolvers"),
  IP_BLOCKING("IP blocking"),
  TLS_BLOCKING("TLS blocking"),
  SNI_FILTERING("SNI filtering"),
  TLS_INTERCEPTION("TLS interception"),
  BLOCKPAGE("blockpage"),
  HTTP_FILTERING("HTTP filtering"),
  THROTTLING("throttling");

  private final String label;

  Technique(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
