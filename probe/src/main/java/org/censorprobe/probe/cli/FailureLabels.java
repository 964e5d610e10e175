package org.censorprobe.probe.cli;

import static org.censorprobe.probe.observe.FailureStrings.ADDRESS_FAMILY_UNSUPPORTED;
import static org.censorprobe.probe.observe.FailureStrings.CONNECTION_REFUSED;
import static org.censorprobe.probe.observe.FailureStrings.CONNECTION_RESET;
import static org.censorprobe.probe.observe.FailureStrings.DNS_BOGUS_REPLY;
import static org.censorprobe.probe.observe.FailureStrings.DNS_NO_ANSWER;
import static org.censorprobe.probe.observe.FailureStrings.DNS_NXDOMAIN;
import static org.censorprobe.probe.observe.FailureStrings.DNS_REFUSED;
import static org.censorprobe.probe.observe.FailureStrings.DNS_SERVER_MISBEHAVING;
import static org.censorprobe.probe.observe.FailureStrings.DNS_SERVFAIL;
import static org.censorprobe.probe.observe.FailureStrings.EOF;
import static org.censorprobe.probe.observe.FailureStrings.HELPER_BAD_ANSWER;
import static org.censorprobe.probe.observe.FailureStrings.HELPER_REFUSED;
import static org.censorprobe.probe.observe.FailureStrings.HOST_UNREACHABLE;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_BODY_TOO_LARGE;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_HEADERS_TOO_LARGE;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_INVALID_REDIRECT;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_PROTOCOL_ERROR;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_REDIRECT_LOOP;
import static org.censorprobe.probe.observe.FailureStrings.HTTP_TOO_MANY_REDIRECTS;
import static org.censorprobe.probe.observe.FailureStrings.NETWORK_UNREACHABLE;
import static org.censorprobe.probe.observe.FailureStrings.SSL_FAILED_HANDSHAKE;
import static org.censorprobe.probe.observe.FailureStrings.SSL_INVALID_CERTIFICATE;
import static org.censorprobe.probe.observe.FailureStrings.SSL_INVALID_HOSTNAME;
import static org.censorprobe.probe.observe.FailureStrings.SSL_UNKNOWN_AUTHORITY;
import static org.censorprobe.probe.observe.FailureStrings.TIMEOUT;
import static org.censorprobe.probe.observe.FailureStrings.UNKNOWN;

import java.util.Map;

/**
 * Short words for the failure taxonomy in the {@code once} table: what a person reads in a terminal. The JSON
 * keeps the taxonomy's own strings (docs/measurement-format.md); a string without a label is shown as it is.
 */
final class FailureLabels {
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry(DNS_NXDOMAIN, "NXDOMAIN"),
      Map.entry(DNS_SERVFAIL, "SERVFAIL"),
      Map.entry(DNS_REFUSED, "REFUSED"),
      Map.entry(DNS_NO_ANSWER, "no address"),
      Map.entry(DNS_BOGUS_REPLY, "bogus reply"),
      Map.entry(DNS_SERVER_MISBEHAVING, "bad DNS reply"),
      Map.entry(TIMEOUT, "timeout"),
      Map.entry(CONNECTION_REFUSED, "refused"),
      Map.entry(CONNECTION_RESET, "reset"),
      Map.entry(EOF, "closed early"),
      Map.entry(HOST_UNREACHABLE, "host unreachable"),
      Map.entry(NETWORK_UNREACHABLE, "no route"),
      Map.entry(ADDRESS_FAMILY_UNSUPPORTED, "no IPv4/IPv6 here"),
      Map.entry(SSL_UNKNOWN_AUTHORITY, "untrusted certificate"),
      Map.entry(SSL_INVALID_HOSTNAME, "certificate for another name"),
      Map.entry(SSL_INVALID_CERTIFICATE, "bad certificate"),
      Map.entry(SSL_FAILED_HANDSHAKE, "handshake failed"),
      Map.entry(HTTP_TOO_MANY_REDIRECTS, "too many redirects"),
      Map.entry(HTTP_REDIRECT_LOOP, "redirect loop"),
      Map.entry(HTTP_INVALID_REDIRECT, "bad redirect"),
      Map.entry(HTTP_HEADERS_TOO_LARGE, "headers too large"),
      Map.entry(HTTP_BODY_TOO_LARGE, "body too large"),
      Map.entry(HTTP_PROTOCOL_ERROR, "bad HTTP"),
      Map.entry(HELPER_REFUSED, "helper refused"),
      Map.entry(HELPER_BAD_ANSWER, "helper bad answer"),
      Map.entry(UNKNOWN, "failed"));

  private FailureLabels() {}

  static String of(String failure) {
    return LABELS.getOrDefault(failure, failure);
  }
}
