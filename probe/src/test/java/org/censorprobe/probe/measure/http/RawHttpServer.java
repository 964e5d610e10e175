package org.censorprobe.probe.measure.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server that reads one request head and then runs {@code script} on the socket, for responses
 * WireMock cannot produce (a body that never ends). One connection at a time, until closed.
 */
final class RawHttpServer implements AutoCloseable {
  interface Script {
    void respond(OutputStream out) throws IOException;
  }

  private final ServerSocket listener;
  private final Thread thread;

  RawHttpServer(Script script) throws IOException {
    listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(script), "raw-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void serve(Script script) {
    while (!listener.isClosed()) {
      try (Socket s = listener.accept()) {
        skipHead(s.getInputStream());
        script.respond(s.getOutputStream());
      } catch (IOException ignored) {
        // the client hung up or the server closed: both end this connection
      }
    }
  }

  private static void skipHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int b; matched < end.length && (b = in.read()) >= 0; ) {
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
