package org.censorprobe.probe.measure.failures;

import static org.censorprobe.format.observe.FailureType.*;


import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;

/**
 * The one place where an exception becomes a failure type (the classifier's mapping of failure types to
 * methods is another matter, in classify). The JDK reports most network errors as a
 * SocketException with an OS message, so the message is matched too; the cause chain is walked because okhttp
 * and the TLS stack wrap the socket's exception. Types are preferred over messages where the JDK has a type;
 * messages are matched in lower case on fragments that JDK 17 and JDK 25 (Linux, macOS, Windows) share.
 */
public final class ExceptionFailures {
  private ExceptionFailures() {}

  public static Failure of(Throwable error, Operation operation) {
    return new Failure(failureType(error), operation, describe(error));
  }

  public static FailureType failureType(Throwable error) {
    // The most specific cause anywhere in the chain wins over a generic wrapper around it.
    for (Throwable t = error; t != null; t = next(t)) {
      FailureType s = direct(t);
      if (s != null) return s;
    }
    // A certificate the validator rejected for a reason with no more specific type (bad signature, key usage).
    for (Throwable t = error; t != null; t = next(t)) {
      if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
        return SSL_INVALID_CERTIFICATE;
      }
    }
    // A TLS alert or protocol error without a more specific cause.
    for (Throwable t = error; t != null; t = next(t)) {
      if (t instanceof SSLException) return SSL_FAILED_HANDSHAKE;
    }
    return UNKNOWN;
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static FailureType direct(Throwable t) {
    String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    if (t instanceof SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) return TIMEOUT;
    if (t instanceof InterruptedIOException && (msg.contains("timeout") || msg.contains("timed out"))) {
      return TIMEOUT;
    }
    if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
      return SSL_INVALID_CERTIFICATE;
    }
    if (t instanceof CertPathValidatorException v) {
      CertPathValidatorException.Reason r = v.getReason();
      if (r == CertPathValidatorException.BasicReason.EXPIRED
          || r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return SSL_INVALID_CERTIFICATE;
      }
    }
    // No path from the presented chain to a trust anchor: the JDK's PKIX builder says so with this type.
    if (t instanceof CertPathBuilderException) return SSL_UNKNOWN_AUTHORITY;
    if (t instanceof ConnectException) {
      if (msg.contains("refused")) return CONNECTION_REFUSED;
      if (msg.contains("timed out")) return TIMEOUT;
      if (msg.contains("network is unreachable")) return NETWORK_UNREACHABLE;
      if (msg.contains("no route") || msg.contains("host is unreachable")) return HOST_UNREACHABLE;
    }
    if (t instanceof NoRouteToHostException) return HOST_UNREACHABLE;
    if (t instanceof PortUnreachableException) return CONNECTION_REFUSED;
    if (t instanceof EOFException) return EOF;
    if (t instanceof SocketException || t instanceof SSLException) {
      if (msg.contains("connection reset") || msg.contains("broken pipe")
          || msg.contains("connection was aborted") || msg.contains("connection aborted")) {
        return CONNECTION_RESET;
      }
      if (msg.contains("timed out")) return TIMEOUT;
      if (msg.contains("network is unreachable")) return NETWORK_UNREACHABLE;
      if (msg.contains("no route to host") || msg.contains("host is unreachable")) return HOST_UNREACHABLE;
      if (msg.contains("address family not supported") || msg.contains("protocol family unavailable")
          || msg.contains("protocol family not supported")) {
        return ADDRESS_FAMILY_UNSUPPORTED;
      }
      // JDK 17 and 25: "Remote host terminated the handshake" (SSLHandshakeException, cause EOFException
      // "SSL peer shut down incorrectly"); older stacks said "Remote host closed connection during handshake".
      if (msg.contains("remote host terminated") || msg.contains("remote host closed")
          || msg.contains("peer shut down") || msg.contains("unexpected end of file")
          || msg.contains("end of stream") || msg.contains("socket closed by peer")) {
        return EOF;
      }
    }
    if (t instanceof SSLPeerUnverifiedException) return SSL_INVALID_HOSTNAME;
    // JDK HostnameChecker: "No subject alternative DNS name matching x found." / "No name matching x found".
    if ((t instanceof CertificateException || t instanceof SSLHandshakeException)
        && (msg.contains("no subject alternative") || msg.contains("no name matching")
            || msg.contains("hostname") && msg.contains("not verified"))) {
      return SSL_INVALID_HOSTNAME;
    }
    if (t instanceof SSLHandshakeException) {
      if (msg.contains("unable to find valid certification path") || msg.contains("pkix path building")) {
        return SSL_UNKNOWN_AUTHORITY;
      }
      if (msg.contains("validity check failed") || msg.contains("certificate expired")) {
        return SSL_INVALID_CERTIFICATE;
      }
    }
    if (t instanceof UnknownHostException) return DNS_NXDOMAIN;
    if (t instanceof ClosedByInterruptException) return TIMEOUT;
    return null;
  }

  /** The raw message for the evidence record; bounded so a hostile peer cannot inflate a measurement. */
  static String describe(Throwable error) {
    String s = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
