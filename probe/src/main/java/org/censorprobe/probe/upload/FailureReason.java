package org.censorprobe.probe.upload;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.censorprobe.probe.store.StoreException;

/**
 * Why an upload failed, in a fixed vocabulary (a metric label, a column of the central {@code upload_failures}).
 * Each names what was observed on the way to the central store, and nothing more: a timeout is a timeout, never
 * "blocked".
 */
public enum FailureReason {
  /** The password file could not be read. */
  CONFIG("config"),
  /** The central store's name did not resolve. */
  DNS("dns"),
  /** No answer to the TCP connect before the deadline. */
  CONNECT_TIMEOUT("connect_timeout"),
  /** The connect was answered with a reset (nothing listening, or something on the path). */
  CONNECTION_REFUSED("connection_refused"),
  /** No route to the host or its network. */
  UNREACHABLE("unreachable"),
  /** An established connection was reset or closed in the middle of an exchange. */
  CONNECTION_LOST("connection_lost"),
  /** Connected, then nothing came back before the deadline. */
  TIMEOUT("timeout"),
  /** The TLS handshake failed, or the server's certificate did not verify against the configured CA or name. */
  TLS("tls"),
  /** The server refused the role or its password. */
  AUTH("auth"),
  /** The server is shutting down, starting up, or out of connections. */
  SERVER_UNAVAILABLE("server_unavailable"),
  /** The server refused the rows themselves (a privilege, a constraint): they stay in the outbox. */
  REJECTED("rejected"),
  /** The local store could not be read or marked. */
  STORE("store"),
  OTHER("other");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static FailureReason of(Throwable t) {
    if (t instanceof StoreException) return STORE;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) return DNS;
      if (c instanceof NoRouteToHostException) return UNREACHABLE;
      if (c instanceof ConnectException ce) {
        String m = String.valueOf(ce.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("timed out")) return CONNECT_TIMEOUT;
        if (m.contains("unreachable")) return UNREACHABLE;
        return CONNECTION_REFUSED;
      }
      if (c instanceof SocketTimeoutException ste) {
        String m = String.valueOf(ste.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("connect") ? CONNECT_TIMEOUT : TIMEOUT;
      }
      // A reset read through an established TLS session surfaces as an SSLException around the socket's: that
      // is a lost connection, not a TLS failure; only the handshake and the certificate are TLS's own.
      if (c instanceof SSLException && !(c.getCause() instanceof SocketException)
          && !String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("connection reset")) {
        return TLS;
      }
      if (c instanceof SocketException || c instanceof java.io.EOFException) return CONNECTION_LOST;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException e && e.getSQLState() != null) {
        String state = e.getSQLState();
        if (state.equals("CPCFG")) return CONFIG;
        if (state.startsWith("28")) return AUTH;
        if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("53300")) {
          return SERVER_UNAVAILABLE;
        }
        if (state.equals("08001")) return CONNECT_TIMEOUT.equals(timeoutHint(e)) ? CONNECT_TIMEOUT : OTHER;
        if (state.startsWith("08")) return CONNECTION_LOST;
        if (state.equals("57014") || state.equals("55P03")) return TIMEOUT; // statement or lock timeout
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("23")) return REJECTED;
      }
    }
    return OTHER;
  }

  private static FailureReason timeoutHint(SQLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("timed out") || m.contains("timeout") ? CONNECT_TIMEOUT : OTHER;
  }

  /** One line for the log and the stored episode: the reason's label and the error's own words, bounded. */
  public static String detail(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null && b.length() < 400; c = c.getCause()) {
      if (b.length() > 0) b.append(": ");
      String m = c.getMessage();
      b.append(m == null ? c.getClass().getSimpleName() : m.replace('\n', ' '));
      if (c.getCause() == c) break;
    }
    return b.length() > 400 ? b.substring(0, 400) : b.toString();
  }
}
