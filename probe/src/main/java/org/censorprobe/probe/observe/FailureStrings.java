package org.censorprobe.probe.observe;

/**
 * The one failure taxonomy. Names follow OONI's so that measurements can be compared with OONI's; each is
 * documented in docs/measurement-format.md. Spelled once, here.
 */
public final class FailureStrings {
  private FailureStrings() {}

  // DNS
  public static final String DNS_NXDOMAIN = "dns_nxdomain_error";
  public static final String DNS_SERVFAIL = "dns_servfail_error";
  public static final String DNS_REFUSED = "dns_refused_error";
  public static final String DNS_NO_ANSWER = "dns_no_answer";
  public static final String DNS_BOGUS_REPLY = "dns_bogus_reply_error"; // reply that does not match the query
  public static final String DNS_SERVER_MISBEHAVING = "dns_server_misbehaving"; // other rcodes, malformed reply

  // Generic transport
  public static final String TIMEOUT = "generic_timeout_error";
  public static final String CONNECTION_REFUSED = "connection_refused";
  public static final String CONNECTION_RESET = "connection_reset";
  public static final String EOF = "eof_error";
  public static final String HOST_UNREACHABLE = "host_unreachable";
  public static final String NETWORK_UNREACHABLE = "network_unreachable";
  public static final String ADDRESS_FAMILY_UNSUPPORTED = "address_family_not_supported";

  // TLS
  public static final String SSL_UNKNOWN_AUTHORITY = "ssl_unknown_authority";
  public static final String SSL_INVALID_HOSTNAME = "ssl_invalid_hostname";
  public static final String SSL_INVALID_CERTIFICATE = "ssl_invalid_certificate"; // expired, not yet valid, bad
  public static final String SSL_FAILED_HANDSHAKE = "ssl_failed_handshake";

  // HTTP
  public static final String HTTP_TOO_MANY_REDIRECTS = "http_too_many_redirects";
  public static final String HTTP_REDIRECT_LOOP = "http_redirect_loop";
  public static final String HTTP_INVALID_REDIRECT = "http_invalid_redirect";
  public static final String HTTP_HEADERS_TOO_LARGE = "http_headers_too_large";
  public static final String HTTP_BODY_TOO_LARGE = "http_body_too_large"; // decompressed-size cap, not the read cap
  public static final String HTTP_PROTOCOL_ERROR = "http_protocol_error"; // broken chunking, bad status line

  // Remote control vantage (steps.helper.attempts)
  public static final String HELPER_REFUSED = "helper_refused"; // answered with a status other than 200
  public static final String HELPER_BAD_ANSWER = "helper_bad_answer"; // 200, but not a JSON object

  /** Anything not mapped: the detail field keeps the exception. A test fails if a known case lands here. */
  public static final String UNKNOWN = "unknown_failure";
}
