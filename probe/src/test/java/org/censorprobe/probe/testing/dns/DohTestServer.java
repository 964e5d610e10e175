package org.censorprobe.probe.testing.dns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A DNS-over-HTTPS front end (RFC 8484 POST) for a {@link DnsTestServer}, on https://127.0.0.1:PORT/dns-query,
 * with its own throwaway CA. Clients trust it through {@link #clientTrust()}; the JDK default trust store does
 * not know the CA, which is itself a useful negative test.
 */
public final class DohTestServer implements AutoCloseable {
  public static final String PATH = "/dns-query";
  /** A name the certificate also holds, for tests that resolve the DoH host by name through a test server. */
  public static final String HOST_NAME = "doh.test";
  private static final int MAX_QUERY_BYTES = 65_535;

  private final HttpsServer server;
  private final ExecutorService executor;
  private final X509TrustManager clientTrust;
  private final DnsTestServer names;
  private volatile int failStatus; // 0: serve DNS normally
  private volatile boolean oversize;
  private final CountDownLatch closing = new CountDownLatch(1);

  private final java.util.concurrent.atomic.AtomicInteger connections;

  private DohTestServer(HttpsServer server, ExecutorService executor, X509TrustManager clientTrust,
      DnsTestServer names, java.util.concurrent.atomic.AtomicInteger connections) {
    this.connections = connections;
    this.server = server;
    this.executor = executor;
    this.clientTrust = clientTrust;
    this.names = names;
  }

  /** Serves the names configured on {@code names} (queries are logged there with transport DOH). */
  public static DohTestServer start(DnsTestServer names) throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // the URIs say 127.0.0.1
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("DoH test CA").build();
    HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca)
        .addSubjectAlternativeName(loopback.getHostAddress()).addSubjectAlternativeName(HOST_NAME)
        .commonName("doh test").build();
    HandshakeCertificates serverTls = new HandshakeCertificates.Builder()
        .heldCertificate(leaf, ca.certificate()).build();
    HandshakeCertificates clientTls = new HandshakeCertificates.Builder()
        .addTrustedCertificate(ca.certificate()).build();
    HttpsServer https = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
    java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    https.setHttpsConfigurator(new HttpsConfigurator(serverTls.sslContext()) {
      @Override
      public void configure(com.sun.net.httpserver.HttpsParameters params) {
        connections.incrementAndGet(); // called once per new TLS connection
        super.configure(params);
      }
    });
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "doh-test-server");
      t.setDaemon(true);
      return t;
    });
    https.setExecutor(executor);
    DohTestServer doh = new DohTestServer(https, executor, clientTls.trustManager(), names, connections);
    https.createContext(PATH, doh::handle);
    https.start();
    return doh;
  }

  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The same server as https://doh.test:PORT/dns-query; the client must resolve {@link #HOST_NAME} itself. */
  public URI uriByName() {
    return URI.create("https://" + HOST_NAME + ":" + server.getAddress().getPort() + PATH);
  }

  /** TLS connections clients opened to this server so far. */
  public int connections() {
    return connections.get();
  }

  /** Trusts this server's CA and nothing else. */
  public X509TrustManager clientTrust() {
    return clientTrust;
  }

  /** From now on answer every request with this HTTP status and no DNS message. */
  public DohTestServer failWithStatus(int status) {
    this.failStatus = status;
    return this;
  }

  /** From now on send a 200 application/dns-message body of more than 64 KiB (a client must cap its read). */
  public DohTestServer oversizeReplies() {
    this.oversize = true;
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] query;
      try (InputStream in = exchange.getRequestBody()) {
        query = in.readNBytes(MAX_QUERY_BYTES);
      }
      if (failStatus != 0) {
        exchange.sendResponseHeaders(failStatus, -1);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] reply = oversize ? new byte[4 * MAX_QUERY_BYTES] : names.reply(query, DnsTestServer.Transport.DOH);
      if (reply == null) {
        awaitClose(); // silence: hold the request unanswered; the client's deadline must end it
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/dns-message");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  private void awaitClose() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
