package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Random;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class X25519AgreementTest {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  /** u-coordinates of points of small order on Curve25519 (and p - 1), whose shared secret is all zero. */
  private static final BigInteger[] SMALL_ORDER = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE),
      new BigInteger("325606250916557431795983626356110631294008115727848805560023387167927233504"),
      new BigInteger("39382357235489614581723060781553021112529911719440698176882885853963445705823")};

  /** Any scalar, any peer u-coordinate (small-order points included): SunEC's answer, or SunEC's refusal. */
  @Property(tries = 300)
  void theSecretIsSunEcsForEveryScalarAndPeer(@ForAll long scalarSeed, @ForAll long peerSeed,
                                               @ForAll boolean smallPeer) throws Exception {
    byte[] scalar = new byte[32];
    new Random(scalarSeed).nextBytes(scalar);
    Random r = new Random(peerSeed);
    BigInteger u = smallPeer ? SMALL_ORDER[r.nextInt(SMALL_ORDER.length)] : new BigInteger(255, r).mod(P);
    KeyFactory keys = KeyFactory.getInstance("XDH", "SunEC");
    var priv = keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
    PublicKey peer = keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));

    byte[] theirs;
    try {
      theirs = agree(KeyAgreement.getInstance("XDH", "SunEC"), priv, peer);
    } catch (InvalidKeyException refused) {
      theirs = null;
    }
    KeyAgreement ours = KeyAgreement.getInstance("XDH", new KeySharesProvider());
    if (theirs == null) {
      assertThrows(InvalidKeyException.class, () -> agree(ours, priv, peer), "SunEC refused u = " + u);
    } else {
      assertArrayEquals(theirs, agree(ours, priv, peer), "u = " + u);
    }
  }

  @Test
  void jsseGetsThisAgreementForAnX25519KeyAndSunEcsForX448() throws Exception {
    KeyShares.install();
    KeyPair a = pair(NamedParameterSpec.X25519);
    KeyPair b = pair(NamedParameterSpec.X25519);
    long before = X25519Agreement.secretsComputed();
    KeyAgreement ka = KeyAgreement.getInstance("XDH"); // as JSSE asks
    ka.init(a.getPrivate());
    assertEquals(KeyShares.PROVIDER, ka.getProvider().getName());
    ka.doPhase(b.getPublic(), true);
    SecretKey premaster = ka.generateSecret("TlsPremasterSecret");
    assertEquals("TlsPremasterSecret", premaster.getAlgorithm());
    assertArrayEquals(agree(KeyAgreement.getInstance("XDH", "SunEC"), b.getPrivate(), a.getPublic()),
        premaster.getEncoded());
    assertEquals(before + 1, X25519Agreement.secretsComputed());

    KeyPair c = pair(NamedParameterSpec.X448);
    KeyPair d = pair(NamedParameterSpec.X448);
    KeyAgreement x448 = KeyAgreement.getInstance("XDH");
    x448.init(c.getPrivate());
    assertEquals("SunEC", x448.getProvider().getName());
    x448.doPhase(d.getPublic(), true);
    assertArrayEquals(agree(KeyAgreement.getInstance("XDH", "SunEC"), d.getPrivate(), c.getPublic()),
        x448.generateSecret());
  }

  @Test
  void aPeerOfAnotherCurveIsRefused() throws Exception {
    KeyAgreement ka = KeyAgreement.getInstance("XDH", new KeySharesProvider());
    ka.init(pair(NamedParameterSpec.X25519).getPrivate());
    assertThrows(InvalidKeyException.class, () -> ka.doPhase(pair(NamedParameterSpec.X448).getPublic(), true));
  }

  @Test
  void onlyJssesSecretNameIsServed() throws Exception {
    KeyAgreement ka = KeyAgreement.getInstance("XDH", new KeySharesProvider());
    ka.init(pair(NamedParameterSpec.X25519).getPrivate());
    ka.doPhase(pair(NamedParameterSpec.X25519).getPublic(), true);
    assertThrows(java.security.NoSuchAlgorithmException.class, () -> ka.generateSecret("AES"));
  }

  private static byte[] agree(KeyAgreement ka, java.security.Key priv, PublicKey peer) throws Exception {
    ka.init(priv);
    ka.doPhase(peer, true);
    return ka.generateSecret();
  }

  private static KeyPair pair(NamedParameterSpec curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH", "SunEC");
    g.initialize(curve, new SecureRandom());
    return g.generateKeyPair();
  }

  /** This class's provider on its own, not installed, so the property does not depend on the JVM's list. */
  private static final class KeySharesProvider extends java.security.Provider {
    private static final long serialVersionUID = 1L;

    KeySharesProvider() {
      super("x25519-under-test", "1", "X25519Agreement alone");
      putService(new Service(this, "KeyAgreement", "XDH", X25519Agreement.class.getName(), null, null));
    }
  }
}
