package org.censorprobe.format.observe;

import java.util.HashMap;
import java.util.Map;

/**
 * The one failure taxonomy. Wire names follow OONI's so that measurements can be set beside OONI's; each is
 * documented in docs/measurement-format.md.
 */
public enum FailureType {
  // DNS
  DNS_NXDOMAIN("dns_nxdomain_error", Group.DNS_ANSWER),
  DNS_SERVFAIL("dns_servfail_error", Group.DNS_ANSWER),
  DNS_REFUSED("dns_refused_error", Group.DNS_ANSWER),
  DNS_NO_ANSWER("dns_no_answer", Group.DNS_ANSWER),
  /** a reply that does not match the query asked */
  DNS_BOGUS_REPLY("dns_bogus_reply_error", Group.DNS_ANSWER),
  /** other rcodes, a malformed reply */
  DNS_SERVER_MISBEHAVING("dns_server_misbehaving", Group.DNS_ANSWER),

  // transport
  TIMEOUT("generic_timeout_error", Group.TRANSPORT),
  CONNECTION_REFUSED("connection_refused", Group.TRANSPORT),
  CONNECTION_RESET("connection_reset", Group.TRANSPORT),
  EOF("eof_error", Group.TRANSPORT),
  HOST_UNREACHABLE("host_unreachable", Group.TRANSPORT),
  NETWORK_UNREACHABLE("network_unreachable", Group.TRANSPORT),
  ADDRESS_FAMILY_UNSUPPORTED("address_family_not_supported", Group.TRANSPORT),

  // TLS
  SSL_UNKNOWN_AUTHORITY("ssl_unknown_authority", Group.TLS_PEER),
  SSL_INVALID_HOSTNAME("ssl_invalid_hostname", Group.TLS_PEER),
  /** expired, not yet valid, otherwise unusable */
  SSL_INVALID_CERTIFICATE("ssl_invalid_certificate", Group.TLS_PEER),
  SSL_FAILED_HANDSHAKE("ssl_failed_handshake", Group.TLS_PEER),

  // HTTP
  HTTP_TOO_MANY_REDIRECTS("http_too_many_redirects", Group.HTTP),
  HTTP_REDIRECT_LOOP("http_redirect_loop", Group.HTTP),
  HTTP_INVALID_REDIRECT("http_invalid_redirect", Group.HTTP),
  HTTP_HEADERS_TOO_LARGE("http_headers_too_large", Group.HTTP),
  /** the decompressed-size cap, not the read cap */
  HTTP_BODY_TOO_LARGE("http_body_too_large", Group.HTTP),
  /** broken chunking, a bad status line */
  HTTP_PROTOCOL_ERROR("http_protocol_error", Group.HTTP),

  // the endpoint's own time budget ran out before this operation could finish
  BUDGET_EXHAUSTED("budget_exhausted", Group.TRANSPORT),

  // remote control vantage (steps.helper.attempts)
  HELPER_REFUSED("helper_refused", Group.HELPER),
  HELPER_BAD_ANSWER("helper_bad_answer", Group.HELPER),

  /** anything not mapped: the detail keeps the error; a test fails if a known case lands here */
  UNKNOWN("unknown_failure", Group.OTHER);

  /** What kind of thing went wrong: the classifier reasons over groups, never over spellings. */
  public enum Group { DNS_ANSWER, TRANSPORT, TLS_PEER, HTTP, HELPER, OTHER }

  private static final Map<String, FailureType> BY_WIRE = new HashMap<>();

  static {
    for (FailureType f : values()) BY_WIRE.put(f.wire, f);
  }

  private final String wire;
  private final Group group;

  FailureType(String wire, Group group) {
    this.wire = wire;
    this.group = group;
  }

  public String wire() {
    return wire;
  }

  public Group group() {
    return group;
  }

  /** The type for a wire name; UNKNOWN for names this version does not know (the detail keeps the original). */
  public static FailureType fromWire(String wire) {
    FailureType f = BY_WIRE.get(wire);
    return f == null ? UNKNOWN : f;
  }

  public static boolean isKnownWire(String wire) {
    return BY_WIRE.containsKey(wire);
  }

  /** Reset, timeout or EOF: the shapes a middlebox leaves on a connection. */
  public boolean interferenceShaped() {
    return this == CONNECTION_RESET || this == TIMEOUT || this == EOF;
  }

  /** The answer is deterministic: asking again gives the same (NXDOMAIN, no answer, REFUSED). */
  public boolean deterministicDnsAnswer() {
    return this == DNS_NXDOMAIN || this == DNS_NO_ANSWER || this == DNS_REFUSED;
  }
}
