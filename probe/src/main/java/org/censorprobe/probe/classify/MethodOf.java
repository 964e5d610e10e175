package org.censorprobe.probe.classify;

import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.observe.FailureType;

/** A failure type seen at one layer -> the method it is evidence of. The one mapping. */
final class MethodOf {
  private MethodOf() {}

  static Method dns(FailureType f) {
    if (f == null) return Method.DNS_FAILURE;
    return switch (f) {
      case DNS_NXDOMAIN -> Method.DNS_NXDOMAIN;
      case TIMEOUT -> Method.DNS_TIMEOUT;
      case DNS_SERVFAIL -> Method.DNS_SERVFAIL;
      case DNS_REFUSED -> Method.DNS_REFUSED;
      case DNS_NO_ANSWER -> Method.DNS_NO_ANSWER;
      default -> Method.DNS_FAILURE;
    };
  }

  static Method tcp(FailureType f) {
    if (f == null) return Method.TCP_FAILURE;
    return switch (f) {
      case CONNECTION_REFUSED -> Method.TCP_REFUSED;
      case TIMEOUT -> Method.TCP_TIMEOUT;
      case HOST_UNREACHABLE, NETWORK_UNREACHABLE -> Method.TCP_UNREACHABLE;
      default -> Method.TCP_FAILURE;
    };
  }

  static Method tls(FailureType f) {
    if (f == null) return Method.TLS_FAILURE;
    return switch (f) {
      case CONNECTION_RESET -> Method.TLS_RESET;
      case TIMEOUT -> Method.TLS_TIMEOUT;
      case EOF -> Method.TLS_EOF;
      default -> Method.TLS_FAILURE;
    };
  }

  static Method http(FailureType f) {
    if (f == null) return Method.HTTP_FAILURE;
    return switch (f) {
      case CONNECTION_RESET -> Method.HTTP_RESET;
      case TIMEOUT -> Method.HTTP_TIMEOUT;
      case EOF -> Method.HTTP_EOF;
      default -> Method.HTTP_FAILURE;
    };
  }
}
