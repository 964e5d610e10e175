package org.censorprobe.probe.measure.failures;

import org.censorprobe.format.observe.Operation;

import org.censorprobe.format.observe.FailureType;

import static org.censorprobe.format.observe.FailureType.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every transport and TLS failure string, produced from the exception the JDK really throws on loopback where
 * that is possible, and from the exception the JDK throws for it (same type, same OS message) where it is not.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExceptionFailuresTest {
  private static final TestCertificates PKI = TestCertificates.create();
  private static final String HOST = "example.test";

  /** Runs {@code io} and returns the failure string of what it threw. */
  private static FailureType mapped(ThrowingRunnable io) {
    Throwable thrown = assertThrows(Throwable.class, io::run);
    return ExceptionFailures.failureType(thrown);
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Nested
  class RealSockets {
    @Test
    void refusedConnect() {
      try (TcpPeer peer = TcpPeer.refusing()) {
        assertEquals(CONNECTION_REFUSED, mapped(() -> new Socket().connect(peer.address(), 5_000)));
      }
    }

    @Test
    void resetRead() {
      try (TcpPeer peer = TcpPeer.resetting()) {
        assertEquals(CONNECTION_RESET, mapped(() -> {
          try (Socket s = new Socket(peer.address().getAddress(), peer.address().getPort())) {
            // Reads until the RST arrives: read returns nothing before it, as the peer never sends.
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
              // nothing is ever sent
            }
            throw new AssertionError("clean EOF instead of a reset");
          }
        }));
      }
    }

    @Test
    void silentReadTimesOut() {
      try (TcpPeer peer = TcpPeer.silent()) {
        assertEquals(TIMEOUT, mapped(() -> {
          try (Socket s = new Socket(peer.address().getAddress(), peer.address().getPort())) {
            s.setSoTimeout(200);
            s.getInputStream().read();
          }
        }));
      }
    }

    @Test
    void jdkHandshakeResetIsConnectionReset() {
      try (TlsPeer peer = TlsPeer.interfering(Interference.RESET)) {
        assertEquals(CONNECTION_RESET, mapped(() -> jdkHandshake(peer, PKI.trustManager(), false)));
      }
    }

    @Test
    void jdkHandshakeEofIsEof() {
      try (TlsPeer peer = TlsPeer.interfering(Interference.CLOSE)) {
        assertEquals(EOF, mapped(() -> jdkHandshake(peer, PKI.trustManager(), false)));
      }
    }

    @Test
    void jdkHandshakeTimeoutIsTimeout() {
      try (TlsPeer peer = TlsPeer.interfering(Interference.STALL)) {
        assertEquals(TIMEOUT, mapped(() -> jdkHandshake(peer, PKI.trustManager(), false)));
      }
    }

    @Test
    void jdkHandshakeOnPlaintextIsFailedHandshake() {
      try (TlsPeer peer = TlsPeer.interfering(Interference.PLAINTEXT_REPLY)) {
        assertEquals(SSL_FAILED_HANDSHAKE, mapped(() -> jdkHandshake(peer, PKI.trustManager(), false)));
      }
    }

    /** What a validating client (okhttp in the HTTP step) sees: the JDK's own handshake exceptions. */
    @Test
    void jdkValidatingHandshakeUnknownAuthority() {
      try (TlsPeer peer = TlsPeer.serving(PKI.interceptionFor(HOST))) {
        assertEquals(SSL_UNKNOWN_AUTHORITY, mapped(() -> jdkHandshake(peer, PKI.trustManager(), true)));
      }
    }

    @Test
    void jdkValidatingHandshakeExpired() {
      try (TlsPeer peer = TlsPeer.serving(PKI.expiredFor(HOST))) {
        assertEquals(SSL_INVALID_CERTIFICATE, mapped(() -> jdkHandshake(peer, PKI.trustManager(), true)));
      }
    }

    @Test
    void jdkValidatingHandshakeWrongHost() {
      try (TlsPeer peer = TlsPeer.serving(PKI.validFor("other.test"))) {
        assertEquals(SSL_INVALID_HOSTNAME, mapped(() -> jdkHandshake(peer, PKI.trustManager(), true)));
      }
    }

    /** The trust manager alone, as TlsProber's separate validation calls it. */
    @Test
    void trustManagerUnknownAuthorityAndExpiry() {
      X509TrustManager trust = PKI.trustManager();
      assertEquals(SSL_UNKNOWN_AUTHORITY, mapped(() -> trust.checkServerTrusted(chain(PKI.unknownAuthorityFor(HOST)), "EC")));
      assertEquals(SSL_INVALID_CERTIFICATE, mapped(() -> trust.checkServerTrusted(chain(PKI.expiredFor(HOST)), "EC")));
    }

    private X509Certificate[] chain(HandshakeCertificates server) {
      var km = server.keyManager();
      return km.getCertificateChain(km.getServerAliases("EC", null)[0]);
    }

    private void jdkHandshake(TlsPeer peer, X509TrustManager trust, boolean verifyHost) throws Exception {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      InetSocketAddress a = peer.address();
      try (Socket raw = new Socket(a.getAddress(), a.getPort());
           SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, HOST, a.getPort(), true)) {
        tls.setSoTimeout(300);
        if (verifyHost) {
          SSLParameters p = tls.getSSLParameters();
          p.setEndpointIdentificationAlgorithm("HTTPS");
          tls.setSSLParameters(p);
        }
        tls.startHandshake();
      }
    }
  }

  /** Errors loopback cannot produce: the exception types and OS messages the JDK uses for them. */
  @Nested
  class ConstructedExceptions {
    @Test
    void hostUnreachable() {
      assertEquals(HOST_UNREACHABLE, ExceptionFailures.failureType(new NoRouteToHostException("No route to host")));
      assertEquals(HOST_UNREACHABLE, ExceptionFailures.failureType(new ConnectException("Host is unreachable")));
      assertEquals(HOST_UNREACHABLE,
          ExceptionFailures.failureType(new SocketException("No route to host (Host unreachable)")));
    }

    @Test
    void networkUnreachable() {
      assertEquals(NETWORK_UNREACHABLE, ExceptionFailures.failureType(new ConnectException("Network is unreachable")));
      assertEquals(NETWORK_UNREACHABLE,
          ExceptionFailures.failureType(new SocketException("Network is unreachable (connect failed)")));
    }

    @Test
    void addressFamilyNotSupported() {
      assertEquals(ADDRESS_FAMILY_UNSUPPORTED,
          ExceptionFailures.failureType(new SocketException("Protocol family unavailable")));
      assertEquals(ADDRESS_FAMILY_UNSUPPORTED,
          ExceptionFailures.failureType(new SocketException("Address family not supported by protocol")));
    }

    @Test
    void connectTimeoutAndWrappedReadTimeout() {
      assertEquals(TIMEOUT, ExceptionFailures.failureType(new SocketTimeoutException("Connect timed out")));
      assertEquals(TIMEOUT, ExceptionFailures.failureType(new ConnectException("Connection timed out")));
      assertEquals(TIMEOUT,
          ExceptionFailures.failureType(new SSLException("handshake", new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void resetVariants() {
      assertEquals(CONNECTION_RESET, ExceptionFailures.failureType(new SocketException("Connection reset")));
      assertEquals(CONNECTION_RESET, ExceptionFailures.failureType(new SocketException("Connection reset by peer")));
      assertEquals(CONNECTION_RESET, ExceptionFailures.failureType(new SocketException("Broken pipe")));
      assertEquals(CONNECTION_RESET,
          ExceptionFailures.failureType(new SSLException("x", new SocketException("Connection reset"))));
    }

    @Test
    void eofVariantsOfJdk17And25() {
      assertEquals(EOF, ExceptionFailures.failureType(new SSLHandshakeException("Remote host terminated the handshake")));
      assertEquals(EOF, ExceptionFailures.failureType(
          new SSLHandshakeException("Remote host terminated the handshake").initCause(
              new EOFException("SSL peer shut down incorrectly"))));
      assertEquals(EOF, ExceptionFailures.failureType(new SSLException("Remote host closed connection during handshake")));
      assertEquals(EOF, ExceptionFailures.failureType(new EOFException()));
    }

    @Test
    void certificateCauses() {
      assertEquals(SSL_INVALID_CERTIFICATE, ExceptionFailures.failureType(
          new CertificateException("x", new CertPathValidatorException("validity check failed",
              new CertificateExpiredException("NotAfter: ..."), null, -1,
              CertPathValidatorException.BasicReason.EXPIRED))));
      assertEquals(SSL_INVALID_HOSTNAME,
          ExceptionFailures.failureType(new CertificateException("No subject alternative DNS name matching x found.")));
      assertEquals(SSL_INVALID_CERTIFICATE, ExceptionFailures.failureType(new CertificateException("bad signature")));
    }

    @Test
    void unmappedIsUnknownAndDetailIsBounded() {
      Failure f = ExceptionFailures.of(new IllegalStateException("x".repeat(10_000)), Operation.CONNECT);
      assertEquals(UNKNOWN, f.type());
      assertEquals(Operation.CONNECT, f.operation());
      assertTrue(f.detail().length() <= 300);
      assertTrue(f.detail().startsWith("IllegalStateException: "));
    }
  }
}
