package org.censorprobe.probe.classify;

import static org.censorprobe.probe.observe.FailureStrings.*;

/** Failure string -> method, per layer. The one mapping, so a new failure string needs one line here. */
final class Failures {
  private Failures() {}

  static String dns(String failure) {
    if (failure == null) return Methods.DNS_FAILURE;
    return switch (failure) {
      case DNS_NXDOMAIN -> Methods.DNS_NXDOMAIN;
      case TIMEOUT -> Methods.DNS_TIMEOUT;
      case DNS_SERVFAIL -> Methods.DNS_SERVFAIL;
      case DNS_REFUSED -> Methods.DNS_REFUSED;
      case DNS_NO_ANSWER -> Methods.DNS_NO_ANSWER;
      default -> Methods.DNS_FAILURE;
    };
  }

  static String tcp(String failure) {
    if (failure == null) return Methods.TCP_FAILURE;
    return switch (failure) {
      case CONNECTION_REFUSED -> Methods.TCP_REFUSED;
      case TIMEOUT -> Methods.TCP_TIMEOUT;
      case HOST_UNREACHABLE, NETWORK_UNREACHABLE -> Methods.TCP_UNREACHABLE;
      default -> Methods.TCP_FAILURE;
    };
  }

  static String tls(String failure) {
    if (failure == null) return Methods.TLS_FAILURE;
    return switch (failure) {
      case CONNECTION_RESET -> Methods.TLS_RESET;
      case TIMEOUT -> Methods.TLS_TIMEOUT;
      case EOF -> Methods.TLS_EOF;
      default -> Methods.TLS_FAILURE;
    };
  }

  static String http(String failure) {
    if (failure == null) return Methods.HTTP_FAILURE;
    return switch (failure) {
      case CONNECTION_RESET -> Methods.HTTP_RESET;
      case TIMEOUT -> Methods.HTTP_TIMEOUT;
      case EOF -> Methods.HTTP_EOF;
      default -> Methods.HTTP_FAILURE;
    };
  }

  /** Reset, timeout or EOF: the shapes a middlebox leaves. */
  static boolean interferenceShaped(String failure) {
    return CONNECTION_RESET.equals(failure) || TIMEOUT.equals(failure) || EOF.equals(failure);
  }

  /** The TLS peer answered with an alert or a certificate: a TLS stack is alive at that address. */
  static boolean tlsPeerAnswered(String failure) {
    return failure != null && failure.startsWith("ssl_");
  }
}
