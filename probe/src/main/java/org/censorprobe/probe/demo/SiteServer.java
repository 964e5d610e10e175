package org.censorprobe.probe.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One site's web server on its own loopback address, with the censor's on-path box in front of it: every
 * connection's ClientHello is read first (as DPI reads it) and reset when the censor filters its server name;
 * a plain-HTTP request for a host the censor blocks gets the censor's page instead of the site's. Taking the
 * server down closes its listening socket, so connects are refused, as from a machine whose service stopped.
 */
final class SiteServer implements AutoCloseable {
  /** What the censor's page says; the demo's fingerprint file matches it (and nothing a site serves). */
  static final String BLOCKPAGE_MARK = "Blocked by the demo censor";
  static final String BLOCKPAGE_TITLE = "Access restricted";
  private static final int CLIENT_TIMEOUT_MS = 10_000;
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private final Site site;
  private final SSLContext tls;
  private final Censor censor;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();

  private SiteServer(Site site, SSLContext tls, Censor censor, ServerSocket server) {
    this.site = site;
    this.tls = tls;
    this.censor = censor;
    this.server = server;
  }

  /** @param tls the site's server context for https sites, null for plain-HTTP ones */
  static SiteServer start(Site site, InetAddress address, SSLContext tls, Censor censor) throws IOException {
    Loopback.require(address, site.host());
    SiteServer s = new SiteServer(site, tls, censor, new ServerSocket(0, 50, address));
    Threads.start(site.host() + "-accept", s::accept);
    return s;
  }

  Site site() {
    return site;
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** Connections accepted so far (the tests' proof that the engine's dials landed here). */
  long connections() {
    return connections.get();
  }

  boolean up() {
    return !server.isClosed();
  }

  /** The server stops: its port refuses connections from now on. */
  void takeDown() {
    close();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket c;
      try {
        c = server.accept();
      } catch (IOException e) {
        return; // taken down or closed
      }
      connections.incrementAndGet();
      open.add(c);
      Threads.start(site.host() + "-conn", () -> serve(c));
    }
  }

  private void serve(Socket c) {
    try {
      c.setSoTimeout(CLIENT_TIMEOUT_MS);
      Socket s = c;
      if (tls != null) {
        ClientHello hello = ClientHello.read(c.getInputStream());
        if (censor.resetsSni(hello.serverName())) {
          c.setSoLinger(true, 0); // an RST, not a FIN: what a resetting middlebox sends
          c.close();
          return;
        }
        SSLSocket t = (SSLSocket) tls.getSocketFactory()
            .createSocket(c, new ByteArrayInputStream(hello.raw()), true);
        SSLParameters p = t.getSSLParameters();
        p.setApplicationProtocols(new String[] {"http/1.1"});
        t.setSSLParameters(p);
        t.startHandshake();
        s = t;
      }
      serveHttp(s);
    } catch (IOException | RuntimeException e) {
      // the client went away (a TLS step closes after its handshake): nothing to do
    } finally {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      open.remove(c);
    }
  }

  private void serveHttp(Socket s) throws IOException {
    String head = readHead(s.getInputStream());
    if (head == null) return;
    String requestLine = head.lines().findFirst().orElse("");
    boolean headOnly = requestLine.startsWith("HEAD ");
    String host = hostOf(head);
    boolean blocked = tls == null && censor.blockpageFor(host);
    byte[] body = (blocked ? blockpage() : page()).getBytes(StandardCharsets.UTF_8);
    String response = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n";
    OutputStream out = s.getOutputStream();
    out.write(response.getBytes(StandardCharsets.US_ASCII));
    if (!headOnly) out.write(body);
    out.flush();
  }

  /** The request head, or null when the client closed without sending one. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int last4 = 0; // the last four bytes read, to see CR LF CR LF
    while (b.size() < MAX_HEAD_BYTES && last4 != 0x0d0a0d0a) {
      int c = in.read();
      if (c < 0) break;
      b.write(c);
      last4 = (last4 << 8) | c;
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  /** The Host header's name, lower case, without a port. */
  static String hostOf(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
        String v = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        int port = v.lastIndexOf(':');
        return port > 0 && !v.endsWith("]") ? v.substring(0, port) : v;
      }
    }
    return null;
  }

  private String page() {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + site.name() + "</title></head><body><h1>"
        + site.name() + "</h1><p>An invented " + (site.control() ? "control site" : "platform")
        + " of the censorprobe demo, served on loopback.</p></body></html>\n";
  }

  private static String blockpage() {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + BLOCKPAGE_TITLE + "</title></head><body><h1>"
        + BLOCKPAGE_TITLE + "</h1><p>Access to this resource is restricted. " + BLOCKPAGE_MARK
        + " (censorprobe demo).</p></body></html>\n";
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
