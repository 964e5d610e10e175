package org.censorprobe.probe.testing.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts on 127.0.0.1, ephemeral port, and runs a handler per connection on its own daemon thread. */
final class Acceptor implements AutoCloseable {
  /** Even a hostile or stuck client cannot keep a peer thread alive longer than this. */
  static final int PEER_READ_TIMEOUT_MS = 30_000;

  @FunctionalInterface
  interface Handler {
    void handle(Socket connection) throws IOException;
  }

  private final ServerSocket server;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  Acceptor(String name, Handler handler) {
    try {
      server = new ServerSocket(0, 50, loopback());
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on 127.0.0.1", e);
    }
    Thread accepting = new Thread(() -> acceptLoop(name, handler), name + "-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  private void acceptLoop(String name, Handler handler) {
    while (!server.isClosed()) {
      Socket connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.add(connection);
      Thread t = new Thread(() -> serve(connection, handler), name + "-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket connection, Handler handler) {
    try {
      connection.setSoTimeout(PEER_READ_TIMEOUT_MS);
      handler.handle(connection);
    } catch (IOException | RuntimeException e) {
      // The client gave up or the peer was closed: both are normal ends for a test peer.
    } finally {
      closeQuietly(connection);
      connections.remove(connection);
    }
  }

  /** Blocks until the client closes (or the peer is closed): holding a connection without a word. */
  static void readUntilEof(Socket connection) throws IOException {
    byte[] sink = new byte[4096];
    while (connection.getInputStream().read(sink) >= 0) {
      // discard
    }
  }

  /** An RST instead of a FIN: SO_LINGER 0 then close. */
  static void reset(Socket connection) throws IOException {
    connection.setSoLinger(true, 0);
    connection.close();
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // test peer teardown
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    connections.forEach(Acceptor::closeQuietly);
  }
}
