package org.censorprobe.probe.measure.flow;

import java.io.IOException;
import java.net.Socket;
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
    closeQuietly(tls);
    closeQuietly(tcp);
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
