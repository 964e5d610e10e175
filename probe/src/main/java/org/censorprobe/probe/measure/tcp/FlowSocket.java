package org.censorprobe.probe.measure.tcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.censorprobe.probe.measure.bounds.Sockets;

/**
 * A plain TCP socket that a flow connects once and then hands on: a later {@code connect} to the address it is
 * already connected to does nothing, which is how okhttp is given this very connection instead of opening its own
 * (okhttp always "connects" the sockets its factory makes). It also counts the bytes received, which the HTTP step
 * needs to tell a response head that overran {@code limits.header_bytes} from a peer that hung up.
 */
public final class FlowSocket extends Socket {
  private final Sockets sockets;
  private final AtomicBoolean counted = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong received = new AtomicLong();
  private InputStream in;
  private volatile SSLSocket layered;

  /** @param sockets where the socket counts itself from its connect until its close */
  public FlowSocket(Sockets sockets) {
    this.sockets = sockets;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (isConnected()) {
      if (endpoint.equals(getRemoteSocketAddress())) return; // handed over: already this connection
      throw new IOException("flow socket is connected to " + getRemoteSocketAddress() + ", not " + endpoint);
    }
    if (!closed.get() && !counted.getAndSet(true)) sockets.opened();
    super.connect(endpoint, timeout);
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (!closed.getAndSet(true) && counted.get()) sockets.closed();
    }
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) in = new Counting(super.getInputStream(), received);
    return in;
  }

  /** The TLS socket a completed handshake layered over this one, to be handed on with it. */
  public void layer(SSLSocket tls) {
    layered = tls;
  }

  /** The TLS socket over this one, or null for plain HTTP. */
  public SSLSocket layered() {
    return layered;
  }

  /** Bytes read from this socket so far (TLS records, when TLS runs over it). */
  public long received() {
    return received.get();
  }

  private static final class Counting extends FilterInputStream {
    private final AtomicLong received;

    Counting(InputStream in, AtomicLong received) {
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
