package org.censorprobe.probe.testing.peers;

import org.censorprobe.probe.demo.ClientHello;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;

/**
 * A TLS endpoint on 127.0.0.1 that reads each raw ClientHello first, notes its SNI, and then either completes
 * a real handshake (the bytes replayed into a JDK server socket) or interferes like a censor.
 *
 * <pre>{@code
 * TestCertificates pki = TestCertificates.create();
 * try (TlsPeer peer = TlsPeer.filteringSni(pki.validFor("blocked.test"), Set.of("blocked.test"),
 *     Interference.STALL)) { ... }
 * }</pre>
 *
 * The server negotiates ALPN {@code http/1.1} when the client offers it; after the handshake it reads until the
 * client closes.
 */
public final class TlsPeer implements AutoCloseable {
  /** Negotiated by a completing peer when offered. */
  public static final String ALPN = "http/1.1";
  /** Gap between bytes for {@link Interference#DRIP}. */
  public static final long DRIP_INTERVAL_MS = 50;
  private static final int DRIP_ANNOUNCED_LENGTH = 16 * 1024;
  private static final byte[] PLAINTEXT_REPLY_BYTES =
      "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Acceptor acceptor;
  private final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();
  private final Gate gate;
  /** Released when the peer closes: what a peer that answers and then falls silent waits on. */
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Answers one HTTP request read after the handshake: the whole raw response, e.g. "HTTP/1.1 200 OK\r\n...". */
  @FunctionalInterface
  public interface HttpResponder {
    String respond(String requestLine, String host, String serverName);
  }

  private TlsPeer(String name, HandshakeCertificates server, Set<String> filtered, Interference interference) {
    this.gate = null;
    this.acceptor = new Acceptor(name, connection -> {
      ClientHello hello = ClientHello.read(connection.getInputStream());
      serverNamesSeen.add(hello.serverName() == null ? "" : hello.serverName());
      boolean interfere = server == null || hello.serverName() != null && filtered.contains(hello.serverName());
      if (interfere) {
        interfere(connection, interference);
      } else {
        complete(connection, hello, server);
      }
    });
  }

  private TlsPeer(String name, List<InetAddress> addresses, HandshakeCertificates server, HttpResponder http,
                  Gate gate) {
    this(name, addresses, server, http, gate, false);
  }

  private TlsPeer(String name, List<InetAddress> addresses, HandshakeCertificates server, HttpResponder http,
                  Gate gate, boolean silentAfterResponse) {
    this.gate = gate;
    this.acceptor = new Acceptor(name, addresses, connection -> {
      ClientHello hello = ClientHello.read(connection.getInputStream());
      serverNamesSeen.add(hello.serverName() == null ? "" : hello.serverName());
      if (gate != null) gate.pass();
      SSLSocket tls = handshake(connection, hello, server);
      if (http == null) {
        Acceptor.readUntilEof(tls);
      } else if (serveHttp(tls, hello.serverName(), http) && silentAfterResponse) {
        awaitClose();
      } else {
        tls.close();
      }
    });
  }

  /**
   * Completes every handshake and answers one HTTP/1.1 request per connection with {@code http}'s response, then
   * closes: a web server whose every ClientHello and connection can be counted.
   */
  public static TlsPeer servingHttp(HandshakeCertificates server, HttpResponder http) {
    return new TlsPeer("tls-http", List.of(Acceptor.loopback()), server, http, null);
  }

  /**
   * Answers one request like {@link #servingHttp}, then neither reads nor writes nor closes until the peer is
   * closed: a server (or a box on the path) that never answers the client's close_notify.
   */
  public static TlsPeer servingHttpThenSilent(HandshakeCertificates server, HttpResponder http) {
    return new TlsPeer("tls-http-silent", List.of(Acceptor.loopback()), server, http, null, true);
  }

  /**
   * Listens on every one of {@code addresses} (loopback, one port) and holds each connection after its ClientHello
   * until {@code releaseAt} connections are held at once; from then on every handshake completes at once. So the
   * most connections a client keeps open to it is seen while they are all held ({@link #mostHeld()}).
   */
  public static TlsPeer gated(HandshakeCertificates server, int releaseAt, List<InetAddress> addresses) {
    return new TlsPeer("tls-gated", addresses, server, null, new Gate(releaseAt));
  }

  /** Completes every handshake with {@code server}'s chain (valid, expired, wrong host, unknown CA, ...). */
  public static TlsPeer serving(HandshakeCertificates server) {
    return new TlsPeer("tls-serving", server, Set.of(), null);
  }

  /** Interferes with every connection right after the ClientHello; never handshakes. */
  public static TlsPeer interfering(Interference interference) {
    return new TlsPeer("tls-" + interference.name().toLowerCase(), null, Set.of(), interference);
  }

  /**
   * SNI filtering: interferes when the ClientHello names one of {@code filteredNames} (exact match), otherwise
   * completes a normal handshake with {@code server}. A ClientHello without SNI is let through.
   */
  public static TlsPeer filteringSni(HandshakeCertificates server, Set<String> filteredNames,
                                     Interference interference) {
    return new TlsPeer("tls-sni-filter", server, Set.copyOf(filteredNames), interference);
  }

  public InetSocketAddress address() {
    return acceptor.address();
  }

  /** The SNI of each ClientHello received, in order; "" for a ClientHello without SNI. */
  public List<String> serverNamesSeen() {
    return List.copyOf(serverNamesSeen);
  }

  /** ClientHellos received so far. */
  public int clientHellos() {
    return serverNamesSeen.size();
  }

  /** TCP connections accepted so far. */
  public int connectionsAccepted() {
    return acceptor.accepted();
  }

  /** Gated peers: the most connections held at once before the gate opened. */
  public int mostHeld() {
    return gate.mostHeld.get();
  }

  /** Gated peers: whether {@code releaseAt} connections were ever held at once. */
  public boolean released() {
    return gate.open.getCount() == 0;
  }

  /** Holds connections until {@code releaseAt} are held at once, then lets every one through. */
  private static final class Gate {
    final int releaseAt;
    final CountDownLatch open = new CountDownLatch(1);
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger mostHeld = new AtomicInteger();

    Gate(int releaseAt) {
      this.releaseAt = releaseAt;
    }

    void pass() throws IOException {
      if (open.getCount() == 0) return;
      int now = held.incrementAndGet();
      mostHeld.accumulateAndGet(now, Math::max);
      if (now >= releaseAt) open.countDown();
      try {
        // A bound that is never reached fails the test by its client's handshake deadline, not by hanging here.
        open.await(Acceptor.PEER_READ_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      } finally {
        held.decrementAndGet();
      }
    }
  }

  private void awaitClose() throws IOException {
    try {
      closed.await(Acceptor.PEER_READ_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  /** Reads one request head (bounded) and answers it; false when the client closed before a whole head. */
  private static boolean serveHttp(SSLSocket tls, String serverName, HttpResponder http) throws IOException {
    java.io.InputStream in = tls.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.length() < 16 * 1024 && head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) return false;
      head.append((char) b);
    }
    String[] lines = head.toString().split("\r\n");
    String host = null;
    for (String l : lines) {
      if (l.regionMatches(true, 0, "Host:", 0, 5)) host = l.substring(5).trim();
    }
    OutputStream out = tls.getOutputStream();
    out.write(http.respond(lines[0], host, serverName).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.flush();
    return true;
  }

  private static void interfere(Socket connection, Interference interference) throws IOException {
    switch (interference) {
      case RESET -> Acceptor.reset(connection);
      case STALL -> Acceptor.readUntilEof(connection);
      case CLOSE -> {
        // FIN first, then wait for the client's close, so the kernel never turns our close into an RST.
        connection.shutdownOutput();
        Acceptor.readUntilEof(connection);
      }
      case DRIP -> drip(connection);
      case PLAINTEXT_REPLY -> {
        connection.getOutputStream().write(PLAINTEXT_REPLY_BYTES);
        connection.shutdownOutput();
        Acceptor.readUntilEof(connection);
      }
    }
  }

  private static void drip(Socket connection) throws IOException {
    OutputStream out = connection.getOutputStream();
    out.write(new byte[] {22, 3, 3, (byte) (DRIP_ANNOUNCED_LENGTH >> 8), (byte) DRIP_ANNOUNCED_LENGTH, 2});
    out.flush();
    for (int i = 0; i < DRIP_ANNOUNCED_LENGTH; i++) {
      try {
        Thread.sleep(DRIP_INTERVAL_MS); // the behaviour under test is the pace itself
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
      out.write(0);
      out.flush(); // fails once the client has closed, which ends the drip
    }
  }

  private static void complete(Socket connection, ClientHello hello, HandshakeCertificates server)
      throws IOException {
    Acceptor.readUntilEof(handshake(connection, hello, server));
  }

  private static SSLSocket handshake(Socket connection, ClientHello hello, HandshakeCertificates server)
      throws IOException {
    SSLSocket tls = (SSLSocket) server.sslContext().getSocketFactory()
        .createSocket(connection, new ByteArrayInputStream(hello.raw()), true);
    SSLParameters p = tls.getSSLParameters();
    p.setApplicationProtocols(new String[] {ALPN});
    // The client's order decides, as with nginx's and Apache's defaults (ssl_prefer_server_ciphers off); the JDK's
    // own server would otherwise prefer its list.
    p.setUseCipherSuitesOrder(false);
    tls.setSSLParameters(p);
    tls.startHandshake();
    return tls;
  }

  @Override
  public void close() {
    closed.countDown();
    acceptor.close();
  }
}
