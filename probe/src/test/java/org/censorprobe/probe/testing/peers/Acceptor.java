package org.censorprobe.probe.testing.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts on 127.0.0.1 (or on several loopback addresses, one port for all), ephemeral port, and runs a handler
 * per connection on its own daemon thread. Counts the connections it accepted and how many are open.
 */
final class Acceptor implements AutoCloseable {
  /** Even a hostile or stuck client cannot keep a peer thread alive longer than this. */
  static final int PEER_READ_TIMEOUT_MS = 30_000;

  @FunctionalInterface
  interface Handler {
    void handle(Socket connection) throws IOException;
  }

  private final List<ServerSocket> servers;
  private final ServerSocket server;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();

  Acceptor(String name, Handler handler) {
    this(name, List.of(loopback()), handler);
  }

  /** Listens on every one of {@code addresses} (loopback ones) with the same port. */
  Acceptor(String name, List<InetAddress> addresses, Handler handler) {
    this.servers = bindAll(addresses);
    this.server = servers.get(0);
    for (ServerSocket s : servers) {
      Thread accepting = new Thread(() -> acceptLoop(s, name, handler), name + "-accept");
      accepting.setDaemon(true);
      accepting.start();
    }
  }

  private static List<ServerSocket> bindAll(List<InetAddress> addresses) {
    for (int tries = 0; ; tries++) {
      List<ServerSocket> bound = new ArrayList<>();
      try {
        bound.add(new ServerSocket(0, 200, addresses.get(0)));
        int port = bound.get(0).getLocalPort();
        for (InetAddress a : addresses.subList(1, addresses.size())) bound.add(new ServerSocket(port, 200, a));
        return List.copyOf(bound);
      } catch (IOException e) {
        bound.forEach(Acceptor::closeQuietly);
        if (tries >= 20) throw new IllegalStateException("cannot listen on " + addresses, e);
      }
    }
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Connections accepted and not yet closed. */
  int open() {
    return connections.size();
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

  private void acceptLoop(ServerSocket server, String name, Handler handler) {
    while (!server.isClosed()) {
      Socket connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
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

  static void closeQuietly(java.io.Closeable s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // test peer teardown
    }
  }

  @Override
  public void close() {
    servers.forEach(Acceptor::closeQuietly);
    connections.forEach(Acceptor::closeQuietly);
  }
}
