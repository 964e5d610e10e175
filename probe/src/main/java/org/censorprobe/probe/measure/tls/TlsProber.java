package org.censorprobe.probe.measure.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.measure.ExceptionFailures;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.TlsObservation;

/**
 * A TLS handshake on an already connected socket. Records the chain as presented whether or not it validates,
 * then validates it against {@code trust} and the server name as a separate result.
 *
 * <p>Any server name may be used on any connected socket, which is what the SNI swap needs. Each handshake has
 * its own SSLContext so that no session is ever resumed: a resumed TLS 1.3 session carries no certificate, and a
 * resumption would also hide what a middlebox does to a fresh ClientHello.
 */
public final class TlsProber {
  static final String[] ALPN = {"h2", "http/1.1"};
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Closes sockets whose handshake overran: SO_TIMEOUT bounds each read, not a slow drip of bytes. */
  private static final ScheduledExecutorService DEADLINES = deadlineScheduler();

  private final Duration timeout;
  private final X509TrustManager trust;

  public TlsProber(Duration timeout, X509TrustManager trust) {
    this.timeout = timeout;
    this.trust = trust;
  }

  /** Never throws; always closes {@code socket}. */
  public TlsObservation handshake(Socket socket, String serverName, int attempt) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    IpAddress address = socket.getInetAddress() == null ? null : IpAddress.of(socket.getInetAddress());
    int port = socket.getPort();
    String name = serverName != null ? serverName : address == null ? null : address.toString();
    Result r = new Result();
    ChainCapture capture = new ChainCapture();
    AtomicBoolean overran = new AtomicBoolean();
    long timeoutMillis = Math.max(1, timeout.toMillis());
    ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
      overran.set(true);
      closeQuietly(socket);
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    SSLSocket ssl = null;
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {capture}, null);
      ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true);
      ssl.setSSLParameters(parameters(ssl, name));
      ssl.startHandshake();
      // A handshake that finished only after the deadline fired is a timeout, like any other overrun.
      if (!deadline.cancel(false) || overran.get()) throw new DeadlineExceeded(timeoutMillis);
      SSLSession session = ssl.getSession();
      r.protocol = session.getProtocol();
      r.cipherSuite = session.getCipherSuite();
      String alpn = ssl.getApplicationProtocol();
      r.alpn = alpn == null || alpn.isEmpty() ? null : alpn;
      r.validationFailure = validate(capture, name);
    } catch (DeadlineExceeded e) {
      r.failure = timeoutFailure(timeoutMillis);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      r.failure = overran.get() ? timeoutFailure(timeoutMillis) : ExceptionFailures.of(e, Operation.TLS_HANDSHAKE);
    } finally {
      deadline.cancel(false);
      if (ssl != null) closeQuietly(ssl);
      closeQuietly(socket);
    }
    double durationMs = (System.nanoTime() - start) / 1_000_000.0;
    return new TlsObservation(address, port, serverName, attempt, startedAt, durationMs, r.protocol,
        r.cipherSuite, r.alpn, CertificateDescriptions.describe(capture.chain()), r.failure, r.validationFailure, 0);
  }

  /** PKIX against the trust store first (who vouches for it), then the name (is it for this host). */
  private Failure validate(ChainCapture capture, String name) {
    List<X509Certificate> chain = capture.chain();
    if (chain.isEmpty()) {
      return new Failure(FailureType.SSL_INVALID_CERTIFICATE, Operation.TLS_VALIDATION,
          "the server presented no certificate");
    }
    X509Certificate leaf = chain.get(0);
    String authType = capture.authType() != null ? capture.authType() : leaf.getPublicKey().getAlgorithm();
    try {
      trust.checkServerTrusted(chain.toArray(new X509Certificate[0]), authType);
    } catch (CertificateException | RuntimeException e) {
      return ExceptionFailures.of(e, Operation.TLS_VALIDATION);
    }
    // okhttp's verifier: RFC 6125 rules (SAN only, left-most wildcard, IP SANs for literals), as browsers do.
    if (name == null || !OkHostnameVerifier.INSTANCE.verify(name, leaf)) {
      return new Failure(FailureType.SSL_INVALID_HOSTNAME, Operation.TLS_VALIDATION,
          "certificate not valid for " + name);
    }
    return null;
  }

  private static SSLParameters parameters(SSLSocket ssl, String name) {
    SSLParameters p = ssl.getSSLParameters();
    List<String> supported = Arrays.asList(ssl.getSupportedProtocols());
    p.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
    p.setApplicationProtocols(ALPN);
    p.setServerNames(sni(name));
    p.setEndpointIdentificationAlgorithm(null); // validation is a separate, recorded step
    return p;
  }

  /** SNI carries host names only (RFC 6066): an IP literal, or no name, is sent without the extension. */
  static List<SNIServerName> sni(String name) {
    if (name == null || IpLiterals.isLiteral(name)) return List.of();
    String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    // The byte form skips the STD3 rules of the String form, which reject real-world names with '_'.
    List<SNIServerName> names = new ArrayList<>();
    names.add(new SNIHostName(host.getBytes(StandardCharsets.US_ASCII)));
    return names;
  }

  private static Failure timeoutFailure(long timeoutMillis) {
    return new Failure(FailureType.TIMEOUT, Operation.TLS_HANDSHAKE,
        "handshake not complete within " + timeoutMillis + " ms");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // The observation is already decided; a failed close changes nothing in it.
    }
  }

  private static ScheduledExecutorService deadlineScheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, task -> {
      Thread t = new Thread(task, "tls-handshake-deadlines");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  /** What the handshake established, filled in as it goes. */
  private static final class Result {
    String protocol;
    String cipherSuite;
    String alpn;
    Failure failure;
    Failure validationFailure;
  }

  private static final class DeadlineExceeded extends Exception {
    DeadlineExceeded(long timeoutMillis) {
      super("deadline of " + timeoutMillis + " ms", null, false, false);
    }
  }
}
