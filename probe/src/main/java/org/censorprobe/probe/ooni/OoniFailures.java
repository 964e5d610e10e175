package org.censorprobe.probe.ooni;

import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;

/**
 * censorprobe's failure taxonomy in OONI's failure strings (ooni/spec data-formats/df-007-errors.md). Most of
 * censorprobe's names are OONI's already; where OONI has no string with the same meaning, the OONI field says
 * {@code unknown_failure: NAME} (df-007's "any other error") and censorprobe's own name goes under an
 * {@code x_censorprobe_failure} key beside it, so nothing is lost and nothing is claimed that was not seen.
 */
final class OoniFailures {
  private OoniFailures() {}

  /** OONI's string for the failure; null for none. */
  static String ooni(Failure f) {
    if (f == null) return null;
    String same = equivalent(f.type());
    return same != null ? same : "unknown_failure: " + f.type().wire();
  }

  /** censorprobe's own name, when OONI's string does not say the same thing; null otherwise. */
  static String censorprobe(Failure f) {
    return f == null || equivalent(f.type()) != null ? null : f.type().wire();
  }

  /** The OONI string with the same meaning, or null when OONI has none. */
  static String equivalent(FailureType t) {
    return switch (t) {
      case DNS_NXDOMAIN, DNS_SERVFAIL, DNS_REFUSED, DNS_NO_ANSWER, DNS_SERVER_MISBEHAVING,
          TIMEOUT, CONNECTION_REFUSED, CONNECTION_RESET, EOF, HOST_UNREACHABLE, NETWORK_UNREACHABLE,
          SSL_UNKNOWN_AUTHORITY, SSL_INVALID_HOSTNAME, SSL_INVALID_CERTIFICATE, SSL_FAILED_HANDSHAKE,
          UNKNOWN -> t.wire();
      // OONI's dns_reply_with_wrong_query_id is one case of ours (a wrong question is another).
      case DNS_BOGUS_REPLY -> null;
      // OONI's legacy address_family_not_supported_error was a resolver error (gaierror), not a connect's.
      case ADDRESS_FAMILY_UNSUPPORTED -> null;
      // OONI's http_invalid_redirect_location_host is one case of ours (a missing Location is another);
      // OONI has no string for the caps and protocol errors.
      case HTTP_TOO_MANY_REDIRECTS, HTTP_REDIRECT_LOOP, HTTP_INVALID_REDIRECT, HTTP_HEADERS_TOO_LARGE,
          HTTP_BODY_TOO_LARGE, HTTP_PROTOCOL_ERROR -> null;
      // The probe's own time budget ran out: not a network timeout, and generic_timeout_error would read as one.
      case BUDGET_EXHAUSTED -> null;
      case HELPER_REFUSED, HELPER_BAD_ANSWER -> null;
    };
  }
}
