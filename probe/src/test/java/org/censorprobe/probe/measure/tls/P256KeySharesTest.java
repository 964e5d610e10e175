package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class P256KeySharesTest {

  @BeforeAll
  static void installed() {
    P256KeyShares.install();
  }

  @Test
  void aP256PairComesFromTheProviderAndAgreesWithSunEc() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC"); // as JSSE asks
    g.initialize(new ECGenParameterSpec("secp256r1"));
    assertEquals(P256KeyShares.PROVIDER, g.getProvider().getName());
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEc("secp256r1");
    assertOnCurve((ECPublicKey) ours.getPublic());
    assertArrayEquals(secret(ours, theirs), secret(theirs, ours), "ECDH from both sides differs");
    assertNotEquals(new BigInteger(1, ours.getPublic().getEncoded()),
        new BigInteger(1, g.generateKeyPair().getPublic().getEncoded()), "two pairs are the same");
  }

  @Test
  void anyOtherCurveIsLeftToSunEc() throws Exception {
    long before = P256KeyShares.pairsMade();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = sunEc("secp384r1");
    assertEquals(384, ((ECPublicKey) ours.getPublic()).getParams().getOrder().bitLength());
    assertArrayEquals(secret(ours, theirs), secret(theirs, ours));
    assertEquals(before, P256KeyShares.pairsMade(), "a P-384 pair went through the P-256 path");
  }

  @Test
  void aHandshakeWithAServerThatAcceptsOnlyP256Completes() throws Exception {
    Process server = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
        "-Djdk.tls.namedGroups=secp256r1", "-cp", System.getProperty("java.class.path"),
        P256OnlyServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(out.readLine().trim());
      long before = P256KeyShares.pairsMade();
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
        s.setEnabledProtocols(new String[] {"TLSv1.3"});
        s.startHandshake();
        assertEquals('k', s.getInputStream().read(), "no application data over the P-256 handshake");
        assertEquals("TLSv1.3", s.getSession().getProtocol());
      }
      assertTrue(P256KeyShares.pairsMade() > before, "the handshake's P-256 share did not come from the provider");
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, server.exitValue());
    } finally {
      server.destroyForcibly();
    }
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
