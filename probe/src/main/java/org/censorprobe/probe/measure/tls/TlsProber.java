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
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.CertificateInfo;
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
 *
 * <p>The handshake that succeeds is kept open for the caller ({@link TlsAttempt#socket()}): an https flow sends
 * its HTTP request over it, so the one ClientHello recorded here is the one the HTTP result rode on.
 */
public final class TlsProber {
  /**
   * What the ClientHello offers for an https URL: HTTP/1.1 only, because the request goes over this connection and
   * the HTTP step speaks HTTP/1.1 only (its caps hold for a pulled HTTP/1.1 body, not for HTTP/2's pushed windows).
   */
  public static final List<String> ALPN_HTTP1 = List.of("http/1.1");
  /** What a {@code tls://} endpoint offers: a browser's list (nothing is sent after the handshake). */
  public static final List<String> ALPN_BROWSER = List.of("h2", "http/1.1");
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /**
   * The TLS 1.3 suites in the order browsers offer them: Chrome, Firefox and Safari put AES-128-GCM first, the JDK
   * AES-256-GCM with SHA-384. A TLS 1.3 server follows the client's order unless configured otherwise, so this is
   * also what most handshakes negotiate: a ClientHello closer to the clients a censor sees, and a cheaper key
   * schedule (SHA-384 was 6% of a C1-compiled daemon's CPU samples). The set offered is the JDK's, unchanged.
   */
  static final List<String> TLS13_BROWSER_ORDER =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /**
   * A session-cache lifetime past TLS 1.3's ticket maximum (7 days, RFC 8446 4.6.1), which JSSE's client takes as
   * "discard every NewSessionTicket unread" (JDK 17 and 25 alike). No other handshake ever uses the context, so a
   * ticket could never be used; keeping one cost a PSK derivation, a random session id and a session copy per
   * ticket, and OpenSSL servers send two after every handshake (nginx's default): 2.8% of the measuring threads'
   * samples in the bench's daemon (JFR). The ClientHello is unchanged: only what the client does with a ticket.
   */
  static final int DISCARD_TICKETS_SECONDS = 7 * 24 * 3600 + 1;

  /** Closes sockets whose handshake overran: SO_TIMEOUT bounds each read, not a slow drip of bytes. */
  private static final ScheduledExecutorService DEADLINES = deadlineScheduler();

  private final Duration timeout;
  private final X509TrustManager trust;
  private final ChainCache chains = new ChainCache();

  public TlsProber(Duration timeout, X509TrustManager trust) {
    this.timeout = timeout;
    this.trust = trust;
    // The ClientHello's key shares, made several times faster; its groups and shares stay the JDK's (KeyShares).
    KeyShares.install();
    // The records' AES-GCM: SunJCE's where C2 compiles it, Bouncy Castle's under C1 alone, and in both without
    // SunJCE's exceptions on dispose (AesGcm).
    AesGcm.install();
  }

  public Duration timeout() {
    return timeout;
  }

  /** An observation and, when the handshake completed, the open TLS socket (validated or not): the caller's. */
  public record TlsAttempt(TlsObservation observation, SSLSocket socket) {}

  /** One handshake offering the browser's ALPN list, no overall budget; always closes {@code socket}. */
  public TlsObservation handshake(Socket socket, String serverName, int attempt) {
    TlsAttempt a = handshake(socket, serverName, ALPN_BROWSER, attempt, 0, Budget.unlimited());
    if (a.socket() != null) closeQuietly(a.socket());
    return a.observation();
  }

  /**
   * Never throws. On failure {@code socket} is closed; on success the returned TLS socket (layered over it, which
   * closing it closes) is left open for the caller. {@code flow} is the connection's id.
   */
  public TlsAttempt handshake(Socket socket, String serverName, List<String> alpn, int attempt, int flow,
                              Budget budget) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    IpAddress address = socket.getInetAddress() == null ? null : IpAddress.of(socket.getInetAddress());
    int port = socket.getPort();
    String name = serverName != null ? serverName : address == null ? null : address.toString();
    Result r = new Result();
    ChainCapture capture = new ChainCapture();
    AtomicBoolean overran = new AtomicBoolean();
    Budget.Deadline step = budget.step(timeout);
    long timeoutMillis = step.remainingMillis();
    SSLSocket ssl = null;
    boolean keep = false;
    if (timeoutMillis <= 0) {
      closeQuietly(socket);
      return new TlsAttempt(new TlsObservation(address, port, serverName, attempt, startedAt, 0, null, null, null,
          List.of(), budget.exhaustedFailure(Operation.TLS_HANDSHAKE), null, flow), null);
    }
    ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
      overran.set(true);
      closeQuietly(socket);
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {capture}, null);
      context.getClientSessionContext().setSessionTimeout(DISCARD_TICKETS_SECONDS);
      ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true);
      ssl.setSSLParameters(parameters(ssl, name, alpn));
      try (KeyShares.Scope measuring = KeyShares.measuring()) { // its P-256 share may be reused (KeyShares)
        ssl.startHandshake();
      }
      // A handshake that finished only after the deadline fired is a timeout, like any other overrun.
      if (!deadline.cancel(false) || overran.get()) throw new DeadlineExceeded(timeoutMillis);
      SSLSession session = ssl.getSession();
      r.protocol = session.getProtocol();
      r.cipherSuite = session.getCipherSuite();
      String negotiated = ssl.getApplicationProtocol();
      r.alpn = negotiated == null || negotiated.isEmpty() ? null : negotiated;
      r.fingerprints = ChainCache.fingerprints(capture.chain());
      r.validationFailure = validate(capture, r.fingerprints, name);
      socket.setSoTimeout(0); // the next step sets its own
      keep = true;
    } catch (DeadlineExceeded e) {
      r.failure = step.failure(timeoutFailure(timeoutMillis));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      r.failure = overran.get() ? step.failure(timeoutFailure(timeoutMillis))
          : ExceptionFailures.of(e, Operation.TLS_HANDSHAKE);
    } finally {
      deadline.cancel(false);
      if (!keep) {
        if (ssl != null) closeQuietly(ssl);
        closeQuietly(socket);
      }
    }
    double durationMs = (System.nanoTime() - start) / 1_000_000.0;
    List<CertificateInfo> described = r.fingerprints == null ? CertificateDescriptions.describe(capture.chain())
        : chains.describe(capture.chain(), r.fingerprints);
    TlsObservation o = new TlsObservation(address, port, serverName, attempt, startedAt, durationMs, r.protocol,
        r.cipherSuite, r.alpn, described, r.failure, r.validationFailure, flow);
    return new TlsAttempt(o, keep ? ssl : null);
  }

  /** PKIX against the trust store first (who vouches for it), then the name (is it for this host). */
  private Failure validate(ChainCapture capture, List<String> fingerprints, String name) {
    List<X509Certificate> chain = capture.chain();
    if (chain.isEmpty()) {
      return new Failure(FailureType.SSL_INVALID_CERTIFICATE, Operation.TLS_VALIDATION,
          "the server presented no certificate");
    }
    X509Certificate leaf = chain.get(0);
    String authType = capture.authType() != null ? capture.authType() : leaf.getPublicKey().getAlgorithm();
    Failure untrusted = chains.trust(chain, fingerprints, authType, () -> {
      try {
        trust.checkServerTrusted(chain.toArray(new X509Certificate[0]), authType);
        return null;
      } catch (CertificateException | RuntimeException e) {
        return ExceptionFailures.of(e, Operation.TLS_VALIDATION);
      }
    });
    if (untrusted != null) return untrusted;
    // okhttp's verifier: RFC 6125 rules (SAN only, left-most wildcard, IP SANs for literals), as browsers do.
    if (name == null || !OkHostnameVerifier.INSTANCE.verify(name, leaf)) {
      return new Failure(FailureType.SSL_INVALID_HOSTNAME, Operation.TLS_VALIDATION,
          "certificate not valid for " + name);
    }
    return null;
  }

  private static SSLParameters parameters(SSLSocket ssl, String name, List<String> alpn) {
    SSLParameters p = ssl.getSSLParameters();
    List<String> supported = Arrays.asList(ssl.getSupportedProtocols());
    p.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
    p.setCipherSuites(browserOrder(p.getCipherSuites()));
    p.setApplicationProtocols(alpn.toArray(String[]::new));
    p.setServerNames(sni(name));
    p.setEndpointIdentificationAlgorithm(null); // validation is a separate, recorded step
    return p;
  }

  /** {@code enabled} reordered: its TLS 1.3 suites first, in {@link #TLS13_BROWSER_ORDER}, then the rest as given. */
  static String[] browserOrder(String[] enabled) {
    List<String> given = Arrays.asList(enabled);
    List<String> out = new ArrayList<>(enabled.length);
    for (String suite : TLS13_BROWSER_ORDER) if (given.contains(suite)) out.add(suite);
    for (String suite : enabled) if (!TLS13_BROWSER_ORDER.contains(suite)) out.add(suite);
    return out.toArray(String[]::new);
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
    List<String> fingerprints;
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
