package org.censorprobe.probe.testing.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

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
  private final Socket reservation; // the refusing peer's port, bound and never listening; null otherwise

  private TcpPeer(InetSocketAddress address, Acceptor acceptor) {
    this(address, acceptor, null);
  }

  private TcpPeer(InetSocketAddress address, Acceptor acceptor, Socket reservation) {
    this.address = address;
    this.acceptor = acceptor;
    this.reservation = reservation;
  }

  /** A port nothing listens on: connects are refused (RST to the SYN). */
  public static TcpPeer refusing() {
    return refusing(Acceptor.loopback());
  }

  /** {@link #refusing()} on {@code address} (::1 for IPv6); fails when the address cannot be bound here. */
  public static TcpPeer refusing(InetAddress address) {
    // A socket bound and never listening holds the port for the peer's life, and the kernel answers a SYN to it
    // with a reset. A port bound and released could be handed out again: two refusing peers of one test once got
    // the same one.
    Socket reservation = new Socket();
    try {
      reservation.setReuseAddress(false);
      reservation.bind(new InetSocketAddress(address, 0));
      return new TcpPeer(new InetSocketAddress(reservation.getLocalAddress(), reservation.getLocalPort()), null,
          reservation);
    } catch (IOException e) {
      try {
        reservation.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new IllegalStateException("cannot bind a port on " + address, e);
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
    if (reservation != null) {
      try {
        reservation.close();
      } catch (IOException ignored) {
        // the port is given back either way
      }
    }
  }
}
