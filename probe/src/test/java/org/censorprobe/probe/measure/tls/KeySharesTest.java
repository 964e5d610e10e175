package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.measure.bounds.Budget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeySharesTest {

  @BeforeAll
  static void installed() {
    KeyShares.install();
  }

  @Test
  void aP256PairComesFromTheProviderAndAgreesWithSunEc() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC"); // as JSSE asks
    g.initialize(new ECGenParameterSpec("secp256r1"));
    assertEquals(KeyShares.PROVIDER, g.getProvider().getName());
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEc("secp256r1");
    assertOnCurve((ECPublicKey) ours.getPublic());
    assertArrayEquals(secret(ours, theirs), secret(theirs, ours), "ECDH from both sides differs");
    assertNotEquals(new BigInteger(1, ours.getPublic().getEncoded()),
        new BigInteger(1, g.generateKeyPair().getPublic().getEncoded()), "two pairs are the same");
  }

  @Test
  void anyOtherCurveIsLeftToSunEc() throws Exception {
    long before = KeyShares.p256PairsMade();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEc("secp384r1");
    assertEquals(384, ((ECPublicKey) ours.getPublic()).getParams().getOrder().bitLength());
    assertArrayEquals(secret(ours, theirs), secret(theirs, ours));
    assertEquals(before, KeyShares.p256PairsMade(), "a P-384 pair went through the P-256 path");
  }

  @Test
  void anX25519PairComesFromTheProviderAndAgreesWithSunEc() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH"); // as JSSE asks
    g.initialize(NamedParameterSpec.X25519, new SecureRandom());
    assertEquals(KeyShares.PROVIDER, g.getProvider().getName());
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEcXdh(NamedParameterSpec.X25519);
    assertEquals("X25519", ((NamedParameterSpec) ((XECPublicKey) ours.getPublic()).getParams()).getName());
    assertArrayEquals(xdh(ours, theirs), xdh(theirs, ours), "X25519 from both sides differs");
    assertNotEquals(((XECPublicKey) ours.getPublic()).getU(), ((XECPublicKey) g.generateKeyPair().getPublic()).getU(),
        "two pairs are the same");
  }

  @Test
  void theX25519PublicKeyIsTheScalarTimesTheBasePointAsTheJdkComputesIt() throws Exception {
    // The JDK computes the public key from the private scalar again when it encodes a pair it did not make; a
    // public key off by anything (byte order, clamping) would differ here.
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(NamedParameterSpec.X25519, new SecureRandom());
    KeyPair ours = g.generateKeyPair();
    byte[] scalar = ((XECPrivateKey) ours.getPrivate()).getScalar().orElseThrow();
    KeyPair base = new KeyPair(KeyFactory.getInstance("XDH", "SunEC").generatePublic(
        new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))), null);
    byte[] expected = xdh(ours, base); // scalar x 9, little-endian
    assertEquals(KeyShares.littleEndian(expected), ((XECPublicKey) ours.getPublic()).getU());
  }

  @Test
  void x448IsLeftToSunEc() throws Exception {
    long before = KeyShares.x25519PairsMade();
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(NamedParameterSpec.X448, new SecureRandom());
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEcXdh(NamedParameterSpec.X448);
    assertArrayEquals(xdh(ours, theirs), xdh(theirs, ours));
    assertEquals(before, KeyShares.x25519PairsMade(), "an X448 pair went through the X25519 path");
  }

  @Test
  void aHandshakeWithAServerThatAcceptsOnlyP256Completes() throws Exception {
    long before = KeyShares.p256PairsMade();
    handshakeWithServerOf("secp256r1");
    assertTrue(KeyShares.p256PairsMade() > before, "the handshake's P-256 share did not come from the provider");
  }

  @Test
  void aHandshakeWithAServerThatAcceptsOnlyX25519Completes() throws Exception {
    long before = KeyShares.x25519PairsMade();
    long secretsBefore = X25519Agreement.secretsComputed();
    handshakeWithServerOf("x25519");
    assertTrue(KeyShares.x25519PairsMade() > before, "the handshake's X25519 share did not come from the provider");
    assertTrue(X25519Agreement.secretsComputed() > secretsBefore, "the shared secret did not come from the provider");
  }

  @Test
  void aMeasurementsHandshakesShareOneP256PairAndStillCompleteWhenTheServerUsesIt() throws Exception {
    // The server accepts P-256 alone, so both handshakes' secrets come from the reused pair: JSSE must not have
    // spent or destroyed it in the first.
    TlsProber prober = new TlsProber(Duration.ofSeconds(20), new AcceptAll());
    // A share of its own with a clock that stands still: the count below does not depend on when it runs.
    AtomicInteger made = new AtomicInteger();
    ReusedShare shipped = KeyShares.replaceMeasurementShare(new ReusedShare(() -> {
      made.incrementAndGet();
      return KeyShares.freshP256();
    }, () -> 0L, ReusedShare.MAX_AGE_NANOS, ReusedShare.MAX_USES));
    try {
      againstServerOf("secp256r1", 2, port -> {
        for (int i = 1; i <= 2; i++) {
          TlsProber.TlsAttempt a = prober.handshake(new Socket(InetAddress.getLoopbackAddress(), port), "localhost",
              TlsProber.ALPN_HTTP1, i, i, Budget.unlimited());
          assertEquals(null, a.observation().failure(), "handshake " + i);
          try (SSLSocket s = a.socket()) {
            assertEquals('k', s.getInputStream().read(), "no application data over handshake " + i);
          }
        }
      });
    } finally {
      KeyShares.replaceMeasurementShare(shipped);
    }
    assertEquals(1, made.get(), "P-256 pairs made for two measurement handshakes");
  }

  @Test
  void aMeasurementScopeServesOneP256PairAndOtherHandshakesFreshOnes() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair first;
    KeyPair second;
    ReusedShare shipped = KeyShares.replaceMeasurementShare(
        new ReusedShare(KeyShares::freshP256, () -> 0L, ReusedShare.MAX_AGE_NANOS, ReusedShare.MAX_USES));
    try (KeyShares.Scope measuring = KeyShares.measuring()) {
      first = g.generateKeyPair();
      try (KeyShares.Scope nested = KeyShares.measuring()) {
        second = g.generateKeyPair();
      }
      assertEquals(first.getPublic(), g.generateKeyPair().getPublic(), "a nested scope ended the outer one");
    } finally {
      KeyShares.replaceMeasurementShare(shipped);
    }
    assertEquals(first.getPublic(), second.getPublic());
    assertNotEquals(first.getPublic(), g.generateKeyPair().getPublic(), "outside a measurement, a reused pair");
    KeyPair theirs = sunEc("secp256r1");
    assertArrayEquals(secret(first, theirs), secret(theirs, first), "ECDH with the reused pair differs");
  }

  @Test
  void x25519SharesStayFreshInAMeasurement() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(NamedParameterSpec.X25519, new SecureRandom());
    try (KeyShares.Scope measuring = KeyShares.measuring()) {
      assertNotEquals(((XECPublicKey) g.generateKeyPair().getPublic()).getU(),
          ((XECPublicKey) g.generateKeyPair().getPublic()).getU());
    }
  }

  static void handshakeWithServerOf(String group) throws Exception {
    againstServerOf(group, 1, port -> {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
        s.setEnabledProtocols(new String[] {"TLSv1.3"});
        s.startHandshake();
        assertEquals('k', s.getInputStream().read(), "no application data over the " + group + " handshake");
        assertEquals("TLSv1.3", s.getSession().getProtocol());
      }
    });
  }

  /** A {@link OneGroupServer} of {@code group} for {@code handshakes}, which {@code client} makes; it must exit 0. */
  private static void againstServerOf(String group, int handshakes, PortUser client) throws Exception {
    Process server = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
        "-Djdk.tls.namedGroups=" + group, "-cp", System.getProperty("java.class.path"),
        OneGroupServer.class.getName(), String.valueOf(handshakes)).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      client.use(Integer.parseInt(out.readLine().trim()));
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, server.exitValue());
    } finally {
      server.destroyForcibly();
    }
  }

  private interface PortUser {
    void use(int port) throws Exception;
  }

  private static KeyPair sunEcXdh(NamedParameterSpec curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH", "SunEC");
    g.initialize(curve);
    return g.generateKeyPair();
  }

  private static byte[] xdh(KeyPair mine, KeyPair peer) throws Exception {
    KeyAgreement a = KeyAgreement.getInstance("XDH", "SunEC");
    a.init(mine.getPrivate());
    a.doPhase(peer.getPublic(), true);
    return a.generateSecret();
  }

  private static KeyPair sunEc(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static byte[] secret(KeyPair mine, KeyPair peer) throws Exception {
    KeyAgreement a = KeyAgreement.getInstance("ECDH", "SunEC");
    a.init(mine.getPrivate());
    a.doPhase(peer.getPublic(), true);
    return a.generateSecret();
  }

  /** y^2 = x^3 + ax + b (mod p): the point really is on P-256. */
  private static void assertOnCurve(ECPublicKey key) {
    ECParameterSpec p = key.getParams();
    BigInteger prime = ((java.security.spec.ECFieldFp) p.getCurve().getField()).getP();
    ECPoint w = key.getW();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    BigInteger left = y.multiply(y).mod(prime);
    BigInteger right = x.pow(3).add(p.getCurve().getA().multiply(x)).add(p.getCurve().getB()).mod(prime);
    assertEquals(left, right, "the public point is not on the curve");
    assertEquals(256, p.getOrder().bitLength());
  }

  private static final class AcceptAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
