package org.censorprobe.probe.measure.tls;

import org.censorprobe.format.net.IpAddress;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import okhttp3.tls.HandshakeCertificates;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.testing.peers.Interference;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A hang is a failure, not a stuck build: a separate thread, since a blocked socket read ignores interrupts.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsProberTest {
  private static final String HOST = "example.test";
  private static final TestCertificates PKI = TestCertificates.create();

  private final TlsProber prober = new TlsProber(Duration.ofSeconds(5), PKI.trustManager());
  private final TlsProber quick = new TlsProber(Duration.ofMillis(400), PKI.trustManager());

  private static TlsObservation handshake(TlsProber prober, TlsPeer peer, String serverName) throws IOException {
    Socket socket = new Socket(peer.address().getAddress(), peer.address().getPort());
    TlsObservation o = prober.handshake(socket, serverName, 1);
    assertTrue(socket.isClosed(), "the prober closes the socket");
    return o;
  }

  @Test
  void validChainCompletesAndValidates() throws Exception {
    HandshakeCertificates server = PKI.validFor(HOST);
    try (TlsPeer peer = TlsPeer.serving(server)) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertTrue(o.ok(), () -> o.failure() + " / " + o.validationFailure());
      assertNull(o.failure());
      assertNull(o.validationFailure());
      assertEquals(IpAddress.parse("127.0.0.1"), o.address());
      assertEquals(peer.address().getPort(), o.port());
      assertEquals(HOST, o.serverName());
      assertEquals("TLSv1.3", o.protocol());
      assertEquals("TLS_AES_128_GCM_SHA256", o.cipherSuite(),
          "the browsers' first choice, which a server following the client's order takes");
      assertEquals(TlsPeer.ALPN, o.alpn());
      assertEquals(List.of(HOST), peer.serverNamesSeen());
      assertEquals(1, o.chain().size());
      CertificateInfo leaf = o.chain().get(0);
      assertEquals("CN=" + HOST, leaf.subject());
      assertEquals("CN=" + TestCertificates.ROOT_CN, leaf.issuer());
      assertEquals(List.of(HOST), leaf.subjectAltNames());
      var cert = server.keyManager().getCertificateChain(server.keyManager().getServerAliases("EC", null)[0])[0];
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())),
          leaf.sha256());
      assertEquals(cert.getSerialNumber().toString(16), leaf.serialNumber());
      assertEquals(cert.getNotAfter().toInstant(), leaf.notAfter());
      assertEquals(cert.getNotBefore().toInstant(), leaf.notBefore());
    }
  }

  @Test
  void sessionTicketsTheServerSendsAreDiscardedUnkept() throws Exception {
    // A JDK server sends a TLS 1.3 NewSessionTicket after the handshake; the client reads it with the response.
    try (TlsPeer peer = TlsPeer.servingHttp(PKI.validFor(HOST),
        (line, host, sni) -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
      // The control: a client with JSSE's defaults keeps the ticket as one more session, so this server sends one.
      SSLContext defaults = SSLContext.getInstance("TLS");
      defaults.init(null, new TrustManager[] {PKI.trustManager()}, null);
      Socket plain = new Socket(peer.address().getAddress(), peer.address().getPort());
      try (SSLSocket tls = (SSLSocket) defaults.getSocketFactory().createSocket(plain, HOST, plain.getPort(), true)) {
        tls.startHandshake();
        assertEquals(1, sessionsAddedByAResponse(tls), "JSSE's default keeps the server's ticket");
      }

      Socket socket = new Socket(peer.address().getAddress(), peer.address().getPort());
      TlsProber.TlsAttempt a = prober.handshake(socket, HOST, TlsProber.ALPN_HTTP1, 1, 1, Budget.unlimited());
      assertTrue(a.observation().ok(), () -> String.valueOf(a.observation().failure()));
      try (SSLSocket tls = a.socket()) {
        assertEquals(0, sessionsAddedByAResponse(tls), "the prober drops the ticket unkept");
      }
    }
  }

  /** Sends a request, reads the whole response (and the ticket before it): how many sessions JSSE kept meanwhile. */
  private static int sessionsAddedByAResponse(SSLSocket tls) throws IOException {
    var sessions = tls.getSession().getSessionContext();
    int before = Collections.list(sessions.getIds()).size();
    tls.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(US_ASCII));
    tls.getOutputStream().flush();
    String response = new String(tls.getInputStream().readAllBytes(), US_ASCII);
    assertTrue(response.endsWith("\r\n\r\nok"), response);
    assertEquals("TLSv1.3", tls.getSession().getProtocol());
    return Collections.list(sessions.getIds()).size() - before;
  }

  @Test
  void expiredLeafCompletesHandshakeButFailsValidation() throws IOException {
    try (TlsPeer peer = TlsPeer.serving(PKI.expiredFor(HOST))) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertTrue(o.handshakeOk());
      assertEquals(1, o.chain().size());
      assertEquals(FailureType.SSL_INVALID_CERTIFICATE, o.validationFailure().type());
      assertEquals(Operation.TLS_VALIDATION, o.validationFailure().operation());
    }
  }

  @Test
  void wrongHostCompletesHandshakeButFailsValidation() throws IOException {
    try (TlsPeer peer = TlsPeer.serving(PKI.validFor("other.test"))) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertTrue(o.handshakeOk());
      assertEquals("CN=other.test", o.chain().get(0).subject());
      assertEquals(FailureType.SSL_INVALID_HOSTNAME, o.validationFailure().type());
      assertEquals(Operation.TLS_VALIDATION, o.validationFailure().operation());
    }
  }

  @Test
  void unknownAuthorityCompletesHandshakeButFailsValidation() throws IOException {
    try (TlsPeer peer = TlsPeer.serving(PKI.unknownAuthorityFor(HOST))) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertTrue(o.handshakeOk());
      assertEquals("CN=untrusted test root", o.chain().get(0).issuer());
      assertEquals(FailureType.SSL_UNKNOWN_AUTHORITY, o.validationFailure().type());
      assertEquals(Operation.TLS_VALIDATION, o.validationFailure().operation());
    }
  }

  @Test
  void interceptionCertificateIsRecordedAndUnknownAuthority() throws IOException {
    try (TlsPeer peer = TlsPeer.serving(PKI.interceptionFor(HOST))) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertTrue(o.handshakeOk());
      assertFalse(o.ok());
      assertEquals(2, o.chain().size());
      assertEquals("CN=" + HOST, o.chain().get(0).subject());
      assertEquals("CN=Security Certificate", o.chain().get(0).issuer());
      assertEquals("CN=Security Certificate", o.chain().get(1).subject());
      assertEquals("CN=Qaznet Trust Network", o.chain().get(1).issuer());
      assertEquals(FailureType.SSL_UNKNOWN_AUTHORITY, o.validationFailure().type());
      assertEquals(Operation.TLS_VALIDATION, o.validationFailure().operation());
    }
  }

  @Test
  void resetAfterClientHelloIsConnectionReset() throws IOException {
    try (TlsPeer peer = TlsPeer.interfering(Interference.RESET)) {
      TlsObservation o = handshake(prober, peer, HOST);
      assertHandshakeFailure(FailureType.CONNECTION_RESET, o);
      assertEquals(List.of(HOST), peer.serverNamesSeen());
    }
  }

  @Test
  void silenceAfterClientHelloIsTimeout() throws IOException {
    try (TlsPeer peer = TlsPeer.interfering(Interference.STALL)) {
      assertHandshakeFailure(FailureType.TIMEOUT, handshake(quick, peer, HOST));
    }
  }

  @Test
  void closeAfterClientHelloIsEof() throws IOException {
    try (TlsPeer peer = TlsPeer.interfering(Interference.CLOSE)) {
      assertHandshakeFailure(FailureType.EOF, handshake(prober, peer, HOST));
    }
  }

  /** Each byte arrives within SO_TIMEOUT; only the whole-handshake deadline ends it (else @Timeout fails). */
  @Test
  void slowDripCannotExtendTheHandshakeBeyondTheTimeout() throws IOException {
    try (TlsPeer peer = TlsPeer.interfering(Interference.DRIP)) {
      TlsProber dripTimeout = new TlsProber(Duration.ofMillis(TlsPeer.DRIP_INTERVAL_MS * 8), PKI.trustManager());
      assertHandshakeFailure(FailureType.TIMEOUT, handshake(dripTimeout, peer, HOST));
    }
  }

  @Test
  void plaintextReplyIsFailedHandshake() throws IOException {
    try (TlsPeer peer = TlsPeer.interfering(Interference.PLAINTEXT_REPLY)) {
      assertHandshakeFailure(FailureType.SSL_FAILED_HANDSHAKE, handshake(prober, peer, HOST));
    }
  }

  @Test
  void resetOnAcceptIsConnectionReset() throws IOException {
    try (var peer = org.censorprobe.probe.testing.peers.TcpPeer.resetting()) {
      Socket socket = new Socket(peer.address().getAddress(), peer.address().getPort());
      assertHandshakeFailure(FailureType.CONNECTION_RESET, prober.handshake(socket, HOST, 1));
    }
  }

  @Test
  void sniFilterResetsFilteredNameAndServesAnotherNameOnTheSameAddress() throws IOException {
    try (TlsPeer peer = TlsPeer.filteringSni(PKI.validFor(HOST), Set.of(HOST), Interference.RESET)) {
      TlsObservation blocked = handshake(prober, peer, HOST);
      assertHandshakeFailure(FailureType.CONNECTION_RESET, blocked);

      // The SNI swap: same address, a neutral name. The chain is the blocked host's, so the name check fails.
      TlsObservation swapped = handshake(prober, peer, "neutral.test");
      assertTrue(swapped.handshakeOk(), () -> String.valueOf(swapped.failure()));
      assertEquals("neutral.test", swapped.serverName());
      assertEquals("CN=" + HOST, swapped.chain().get(0).subject());
      assertEquals(FailureType.SSL_INVALID_HOSTNAME, swapped.validationFailure().type());
      assertEquals(List.of(HOST, "neutral.test"), peer.serverNamesSeen());
    }
  }

  @Test
  void sniFilterSilentlyDropsFilteredName() throws IOException {
    try (TlsPeer peer = TlsPeer.filteringSni(PKI.validFor(HOST), Set.of(HOST), Interference.STALL)) {
      assertHandshakeFailure(FailureType.TIMEOUT, handshake(quick, peer, HOST));
      assertTrue(handshake(prober, peer, "neutral.test").handshakeOk());
    }
  }

  @Test
  void ipLiteralServerNameSendsNoSniAndValidatesAgainstIpSan() throws IOException {
    try (TlsPeer peer = TlsPeer.serving(PKI.validFor("127.0.0.1"))) {
      TlsObservation o = handshake(prober, peer, "127.0.0.1");
      assertTrue(o.ok(), () -> o.failure() + " / " + o.validationFailure());
      assertEquals(List.of(""), peer.serverNamesSeen());
      assertEquals(List.of("127.0.0.1"), o.chain().get(0).subjectAltNames());
    }
  }

  @Test
  void unconnectedSocketIsAFailureNotAnException() {
    Socket socket = new Socket();
    TlsObservation o = prober.handshake(socket, HOST, 1);
    assertFalse(o.handshakeOk());
    assertEquals(Operation.TLS_HANDSHAKE, o.failure().operation());
    assertTrue(socket.isClosed());
  }

  @Test
  void trustAnchorsFromPemFileValidateTheTestChain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path pem = dir.resolve("test-root.pem");
    java.nio.file.Files.writeString(pem, PKI.rootPem());
    TlsProber withFile = new TlsProber(Duration.ofSeconds(5), TrustAnchors.load(List.of(pem)));
    TlsProber jdkOnly = new TlsProber(Duration.ofSeconds(5), TrustAnchors.load(List.of()));
    try (TlsPeer peer = TlsPeer.serving(PKI.validFor(HOST))) {
      assertTrue(handshake(withFile, peer, HOST).ok());
      assertEquals(FailureType.SSL_UNKNOWN_AUTHORITY,
          handshake(jdkOnly, peer, HOST).validationFailure().type());
    }
  }

  private static void assertHandshakeFailure(FailureType failure, TlsObservation o) {
    assertFalse(o.handshakeOk());
    assertEquals(failure, o.failure().type(), () -> "detail: " + o.failure().detail());
    assertEquals(Operation.TLS_HANDSHAKE, o.failure().operation());
    assertNull(o.validationFailure());
    assertTrue(o.chain().isEmpty());
    assertNull(o.protocol());
  }

  @Test
  void theSuitesOfferedAreTheJdksWithTls13InTheBrowsersOrder() throws Exception {
    String[] jdk = javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();

    String[] ordered = TlsProber.browserOrder(jdk);

    assertEquals(new java.util.HashSet<>(List.of(jdk)), new java.util.HashSet<>(List.of(ordered)));
    assertEquals(jdk.length, ordered.length);
    assertEquals(TlsProber.TLS13_BROWSER_ORDER, List.of(ordered).subList(0, 3));
    List<String> rest = new java.util.ArrayList<>(List.of(jdk));
    rest.removeAll(TlsProber.TLS13_BROWSER_ORDER);
    assertEquals(rest, List.of(ordered).subList(3, ordered.length), "the TLS 1.2 suites keep the JDK's order");
  }
}
