package org.censorprobe.probe.measure.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Plain sockets that count the bytes they receive. okhttp gives no byte count while it parses a response head,
 * and its own head limit (256 KiB) surfaces as an end-of-stream error; the count lets a head that overran
 * {@code limits.headerBytes} be told apart from a peer that hung up. With TLS this counts record bytes, which
 * differ from the plaintext by a few percent only.
 */
final class CountingSocketFactory extends SocketFactory {
  private final AtomicLong received = new AtomicLong();

  long received() {
    return received.get();
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket(received);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    // okhttp asks only for unconnected sockets; a host name here would mean a lookup outside the measurement.
    throw new IOException("connect by name is not supported: " + host);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    throw new IOException("connect by name is not supported: " + host);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  private static final class CountingSocket extends Socket {
    private final AtomicLong received;
    private InputStream in;

    CountingSocket(AtomicLong received) {
      this.received = received;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) in = new CountingStream(super.getInputStream(), received);
      return in;
    }
  }

  private static final class CountingStream extends FilterInputStream {
    private final AtomicLong received;

    CountingStream(InputStream in, AtomicLong received) {
      super(in);
      this.received = received;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) received.incrementAndGet();
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) received.addAndGet(n);
      return n;
    }
  }
}
