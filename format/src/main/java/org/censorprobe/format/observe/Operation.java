package org.censorprobe.format.observe;

import java.util.HashMap;
import java.util.Map;

/** The operation a failure happened in (OONI's {@code failed_operation}). */
public enum Operation {
  RESOLVE("resolve"),
  /**
   * looking up a DoH resolver's own host name (through the system resolver) so that the query could be sent: a
   * failure here means the query never reached that resolver, and says nothing about it
   */
  RESOLVE_SERVER("resolve_server"),
  CONNECT("connect"),
  TLS_HANDSHAKE("tls_handshake"),
  TLS_VALIDATION("tls_validation"),
  /** writing the request, waiting for the response head */
  HTTP_REQUEST("http_request"),
  /** reading the body */
  HTTP_BODY("http_body");

  private static final Map<String, Operation> BY_WIRE = new HashMap<>();

  static {
    for (Operation o : values()) BY_WIRE.put(o.wire, o);
  }

  private final String wire;

  Operation(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Null for a name this version does not know. */
  public static Operation fromWire(String wire) {
    return wire == null ? null : BY_WIRE.get(wire);
  }
}
