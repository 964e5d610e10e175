package org.censorprobe.probe.measure.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.censorprobe.probe.measure.flow.Connection;
import org.censorprobe.probe.measure.tcp.FlowSocket;

/**
 * How okhttp is handed the connection a flow already established, so that the HTTP request goes over the very
 * connection (and the very ClientHello) the TCP and TLS observations describe.
 *
 * <p>okhttp always makes its own sockets: it asks its {@link SocketFactory} for an unconnected socket, connects
 * it, and for https wraps it with its {@link SSLSocketFactory}, configures the TLS socket and starts the
 * handshake. Here the socket factory ({@link #sockets}) returns the flow's {@link FlowSocket}, whose connect to
 * the address it is already connected to does nothing; the TLS factory ({@link #tls}) returns the flow's TLS
 * socket behind a thin wrapper ({@link HandedTlsSocket}) on which okhttp's configuration calls and
 * {@code startHandshake} do nothing (the handshake is done: starting another would renegotiate or send a key
 * update), while reads, writes, the session and the negotiated ALPN protocol (what okhttp then speaks: the flow
 * offered {@code http/1.1} only) come from the real socket. okhttp's own host-name check of the session then
 * passes or fails exactly as the TLS step's validation did, and a connection that failed validation is never
 * handed over at all. Nothing else in okhttp is bypassed: its HTTP/1.1 codec, timeouts and events are used as is.
 */
final class HandOff {
  private HandOff() {}

  /**
   * The connection the calling thread is handing over. okhttp connects on the thread that executes a synchronous
   * call (fast fallback is off), so one client serves every hop: no client is built per request. A connect on any
   * other thread finds nothing here and fails loudly (recorded as the hop's failure), never silently elsewhere.
   */
  private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

  /** Runs {@code call} (a synchronous okhttp call) with {@code connection} as the one it may use. */
  static <T> T over(Connection connection, IoCall<T> call) throws IOException {
    CURRENT.set(connection);
    try {
      return call.run();
    } finally {
      CURRENT.remove();
    }
  }

  @FunctionalInterface
  interface IoCall<T> {
    T run() throws IOException;
  }

  private static Connection current() throws IOException {
    Connection c = CURRENT.get();
    if (c == null) throw new IOException("no connection was handed over on this thread");
    return c;
  }

  /** okhttp's name lookup: the handed-over connection's address, never a resolver. */
  static okhttp3.Dns dns() {
    return host -> {
      Connection c = CURRENT.get();
      if (c == null) throw new java.net.UnknownHostException("no connection was handed over for " + host);
      return java.util.List.of(c.target().address().toInetAddress());
    };
  }

  /** The socket factory of the HTTP step: its one socket is the handed-over flow's. */
  static SocketFactory sockets() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        return current().tcp();
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        throw new IOException("connect by name is not supported: " + host);
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new IOException("connect by name is not supported: " + host);
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new IOException("only the flow's own connection may be used");
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        throw new IOException("only the flow's own connection may be used");
      }
    };
  }

  /** The one TLS factory of the HTTP step: wraps the TLS socket layered over a handed-over flow socket. */
  static SSLSocketFactory tls() {
    return TLS;
  }

  private static final SSLSocketFactory TLS = new SSLSocketFactory() {
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      if (s instanceof FlowSocket f && f.layered() != null) return new HandedTlsSocket(f.layered());
      throw new IOException("no established TLS connection was handed over for " + host);
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return new String[0];
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return new String[0];
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      throw new IOException("the HTTP step never connects by itself");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      throw new IOException("the HTTP step never connects by itself");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      throw new IOException("the HTTP step never connects by itself");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      throw new IOException("the HTTP step never connects by itself");
    }
  };

  /** An established TLS socket whose handshake and configuration are done: those calls do nothing here. */
  static final class HandedTlsSocket extends SSLSocket {
    private final SSLSocket d;

    HandedTlsSocket(SSLSocket delegate) {
      this.d = delegate;
    }

    // --- what okhttp would change or start: already settled by the flow's handshake ---
    @Override
    public void startHandshake() {
      // done: the flow's handshake is the one recorded
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      // the ClientHello is sent; nothing to configure
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      // the ClientHello is sent; nothing to configure
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      // ALPN and SNI were offered by the flow's ClientHello
    }

    @Override
    public void setUseClientMode(boolean mode) {
      // always a client
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      // a client setting has no meaning here
    }

    @Override
    public void setWantClientAuth(boolean want) {
      // a client setting has no meaning here
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      // the session exists
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      throw new SocketException("already connected");
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      throw new SocketException("already connected");
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
      throw new SocketException("already bound");
    }

    // --- everything else is the real socket's ---
    @Override
    public String[] getSupportedCipherSuites() {
      return d.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return d.getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
      return d.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return d.getEnabledProtocols();
    }

    @Override
    public SSLSession getSession() {
      return d.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
      return d.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
      d.addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
      d.removeHandshakeCompletedListener(listener);
    }

    @Override
    public boolean getUseClientMode() {
      return d.getUseClientMode();
    }

    @Override
    public boolean getNeedClientAuth() {
      return d.getNeedClientAuth();
    }

    @Override
    public boolean getWantClientAuth() {
      return d.getWantClientAuth();
    }

    @Override
    public boolean getEnableSessionCreation() {
      return d.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
      return d.getSSLParameters();
    }

    @Override
    public String getApplicationProtocol() {
      return d.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
      return d.getHandshakeApplicationProtocol();
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return d.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return d.getOutputStream();
    }

    @Override
    public SocketChannel getChannel() {
      return null;
    }

    @Override
    public InetAddress getInetAddress() {
      return d.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return d.getLocalAddress();
    }

    @Override
    public int getPort() {
      return d.getPort();
    }

    @Override
    public int getLocalPort() {
      return d.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return d.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return d.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
      d.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
      return d.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
      d.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
      return d.getSoLinger();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      d.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
      return d.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
      d.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
      return d.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
      d.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
      return d.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
      d.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
      return d.getKeepAlive();
    }

    @Override
    public void close() throws IOException {
      Connection.closeWithoutWaiting(d); // okhttp's close, when the call is done: no wait for the server's answer
    }

    @Override
    public void shutdownInput() throws IOException {
      d.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      d.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
      return d.isConnected();
    }

    @Override
    public boolean isBound() {
      return d.isBound();
    }

    @Override
    public boolean isClosed() {
      return d.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return d.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return d.isOutputShutdown();
    }

    @Override
    public String toString() {
      return "handed-over " + d;
    }
  }
}
