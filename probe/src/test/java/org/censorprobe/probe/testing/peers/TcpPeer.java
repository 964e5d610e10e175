package org.censorprobe.probe.testing.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A TCP endpoint on 127.0.0.1 that misbehaves in one fixed way. {@link #address()} is where to connect.
 *
 * <pre>{@code
 * try (TcpPeer peer = TcpPeer.resetting()) { ... connect to peer.address() ... }
 * }</pre>
 */
public final class TcpPeer implements AutoCloseable {
  private final InetSocketAddress address;
  private final Acceptor acceptor; // null when nothing listens

  private TcpPeer(InetSocketAddress address, Acceptor acceptor) {
    this.address = address;
    this.acceptor = acceptor;
  }

  /** A port nothing listens on: connects are refused (RST to the SYN). */
  public static TcpPeer refusing() {
    try (ServerSocket probe = new ServerSocket(0, 1, Acceptor.loopback())) {
      // Bound then released: the kernel does not hand an ephemeral port straight back out.
      return new TcpPeer(new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort()), null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot find a free port", e);
    }
  }

  /** Accepts, then resets the connection at once (SO_LINGER 0): the connect succeeds, the first read fails. */
  public static TcpPeer resetting() {
    Acceptor a = new Acceptor("tcp-resetting", Acceptor::reset);
    return new TcpPeer(a.address(), a);
  }

  /** Accepts and never sends a byte, until the client closes: every read times out. */
  public static TcpPeer silent() {
    Acceptor a = new Acceptor("tcp-silent", Acceptor::readUntilEof);
    return new TcpPeer(a.address(), a);
  }

  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    if (acceptor != null) acceptor.close();
  }
}
