package org.censorprobe.probe.measure.flow;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.probe.measure.tcp.FlowSocket;

/**
 * A connection a flow established and may hand to the HTTP step: the TCP socket and, for https, the TLS socket
 * over it, whose handshake completed and whose chain validated for {@code serverName} (the dialer never hands out
 * one that failed validation: the HTTP step must not talk through an interception box). Whoever holds it closes
 * it; closing twice is harmless.
 */
public final class Connection implements AutoCloseable {
  private final int flow;
  private final IpPort target;
  private final FlowSocket tcp;
  private final SSLSocket tls;
  private final String serverName;

  public Connection(int flow, IpPort target, FlowSocket tcp, SSLSocket tls, String serverName) {
    this.flow = flow;
    this.target = target;
    this.tcp = tcp;
    this.tls = tls;
    this.serverName = serverName;
    tcp.layer(tls);
  }

  public int flow() {
    return flow;
  }

  public IpPort target() {
    return target;
  }

  public FlowSocket tcp() {
    return tcp;
  }

  /** Null for plain HTTP. */
  public SSLSocket tls() {
    return tls;
  }

  public String serverName() {
    return serverName;
  }

  /** The negotiated ALPN protocol, or null. */
  public String alpn() {
    if (tls == null) return null;
    String p = tls.getApplicationProtocol();
    return p == null || p.isEmpty() ? null : p;
  }

  @Override
  public void close() {
    if (tls != null) {
      try {
        closeWithoutWaiting(tls);
      } catch (IOException ignored) {
        // nothing left to record about a connection being closed
      }
    }
    closeQuietly(tcp);
  }

  /**
   * Closes {@code tls} (close_notify, then the TCP close) without waiting for the peer's close_notify in return.
   *
   * <p>JSSE's close reads once more for the peer's answer whenever the socket has a read timeout, and okhttp
   * leaves its read timeout (the whole HTTP deadline) on the socket: so every flow spent one more round trip in
   * its close, and a peer that never answered (a silent server, a box that drops the flow once it has seen the
   * response) held it for the whole read timeout, past the endpoint's budget. That wait fell inside what is
   * recorded: the hop's duration, and the body's read time the transfer rate is computed from (the last read of
   * the body is the one that ends the call and closes the connection), so a distant server's pages read as
   * slower than a near one's. Nothing after a whole response is evidence: RFC 8446 (6.1) lets the closing side
   * go without the answer. Without a read timeout JSSE only discards what has already arrived.
   */
  public static void closeWithoutWaiting(SSLSocket tls) throws IOException {
    // okhttp has usually closed it already; setting a timeout then throws, and an exception per flow costs its stack.
    if (tls.isClosed()) return;
    try {
      tls.setSoTimeout(0);
    } catch (SocketException closedAlready) {
      // then close does nothing more either
    }
    try {
      // close_notify alone, then the FIN, as browsers and Go close a TLS 1.3 connection. JSSE's close() of a
      // connection whose output is still open sends user_canceled before close_notify: a second alert record,
      // its encryption and its write, that nothing else on the wire sends, and so a mark of this client.
      tls.shutdownOutput();
    } catch (IOException peerGoneAlready) {
      // nothing left to send to; close releases the rest
    }
    tls.close();
  }

  private static void closeQuietly(Socket s) {
    if (s == null) return;
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing left to record about a connection being closed
    }
  }
}
