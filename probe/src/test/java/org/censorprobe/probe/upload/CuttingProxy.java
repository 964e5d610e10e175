package org.censorprobe.probe.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that cuts: once the client has sent {@code cutAfter} bytes (through every connection,
 * counted from {@link #arm}), every connection through it is closed on both sides at once, in the middle of
 * whatever was flowing. Later connections pass again.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private volatile CountDownLatch cut = new CountDownLatch(1);

  CuttingProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Cuts every connection after {@code bytes} more bytes from clients; returns a latch counted down at the cut. */
  CountDownLatch arm(long bytes) {
    cut = new CountDownLatch(1);
    budget.set(bytes);
    return cut;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5_000);
        open.add(client);
        open.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        if (listener.isClosed()) return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (fromClient && budget.addAndGet(-n) < 0) {
            cutAll();
            return;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side is gone: the other goes too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void cutAll() {
    budget.set(Long.MAX_VALUE);
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0); // RST, as a middlebox that drops state does
      } catch (IOException ignored) {
        // already closed
      }
      closeQuietly(s);
    }
    open.clear();
    cut.countDown();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) closeQuietly(s);
  }
}
