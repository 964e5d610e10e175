package org.censorprobe.probe.observe;

/** The operation a failure happened in (OONI's {@code failed_operation}). */
public final class Operations {
  private Operations() {}

  public static final String RESOLVE = "resolve";
  public static final String CONNECT = "connect";
  public static final String TLS_HANDSHAKE = "tls_handshake";
  public static final String TLS_VALIDATION = "tls_validation";
  public static final String HTTP_REQUEST = "http_request"; // writing the request, waiting for the head
  public static final String HTTP_BODY = "http_body"; // reading the body
}
