package org.censorprobe.format.interpret;

import org.censorprobe.format.observe.FailureType;

/**
 * A failure type in words for sentences and tables ("timed out", "reset", "NXDOMAIN"), never the wire name. The
 * switch has no default, so the compiler refuses a failure type added without its words.
 */
public final class FailureText {
  private FailureText() {}

  public static String of(FailureType f) {
    if (f == null) return "worked";
    return switch (f) {
      case DNS_NXDOMAIN -> "NXDOMAIN";
      case DNS_SERVFAIL -> "SERVFAIL";
      case DNS_REFUSED -> "REFUSED";
      case DNS_NO_ANSWER -> "no address";
      case DNS_BOGUS_REPLY -> "a reply to another query";
      case DNS_SERVER_MISBEHAVING -> "a malformed reply";
      case TIMEOUT -> "timed out";
      case CONNECTION_REFUSED -> "refused";
      case CONNECTION_RESET -> "reset";
      case EOF -> "cut off";
      case HOST_UNREACHABLE -> "host unreachable";
      case NETWORK_UNREACHABLE -> "network unreachable";
      case ADDRESS_FAMILY_UNSUPPORTED -> "no route for the address family";
      case SSL_UNKNOWN_AUTHORITY -> "untrusted issuer";
      case SSL_INVALID_HOSTNAME -> "certificate for another name";
      case SSL_INVALID_CERTIFICATE -> "expired or invalid certificate";
      case SSL_FAILED_HANDSHAKE -> "TLS alert";
      case HTTP_TOO_MANY_REDIRECTS -> "too many redirects";
      case HTTP_REDIRECT_LOOP -> "redirect loop";
      case HTTP_INVALID_REDIRECT -> "invalid redirect";
      case HTTP_HEADERS_TOO_LARGE -> "oversized response head";
      case HTTP_BODY_TOO_LARGE -> "oversized body";
      case HTTP_PROTOCOL_ERROR -> "malformed response";
      case BUDGET_EXHAUSTED -> "out of time";
      case HELPER_REFUSED -> "refused by the helper";
      case HELPER_BAD_ANSWER -> "an unusable answer";
      case UNKNOWN -> "an unrecognised error";
    };
  }
}
