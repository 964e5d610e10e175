package org.censorprobe.probe.measure.tls;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Faster ephemeral P-256 key pairs for the ClientHello, which offers the same groups and shares as without it.
 *
 * <p>JDK 17's TLS client puts two key shares in every ClientHello, X25519 and P-256, and generates both even
 * though most servers pick X25519; there is no setting to send one share while still offering P-256 (and offering
 * fewer groups would change the ClientHello a censor sees, and fail against servers without X25519). JDK 17 makes
 * the P-256 pair with generic field arithmetic and no table for the fixed base point: 0.6-0.8 ms of CPU, 42% of a
 * warm round's Java CPU (bench/README.md). Bouncy Castle (already here for bcrypt) has a P-256 field and a
 * fixed-base comb: 0.1 ms, including the conversion to the JDK's own key objects.
 *
 * <p>So this provider, installed first, serves only {@code KeyPairGenerator.EC}: for P-256 it computes the pair
 * with Bouncy Castle and hands back SunEC's key objects (built by SunEC's KeyFactory), so the key agreement, the
 * encoding and everything after stay the JDK's; for every other curve or initialisation it is SunEC's generator
 * itself. The keys are ephemeral and private to one handshake.
 */
public final class P256KeyShares {
  static final String PROVIDER = "censorprobe-p256";
  private static final Set<String> P256_NAMES = Set.of("secp256r1", "prime256v1", "NIST P-256", "P-256",
      "1.2.840.10045.3.1.7");

  /** P-256 pairs made here since the JVM started (tests check the handshake's share came from here). */
  private static final java.util.concurrent.atomic.AtomicLong PAIRS = new java.util.concurrent.atomic.AtomicLong();

  private P256KeyShares() {}

  static long pairsMade() {
    return PAIRS.get();
  }

  /** Installs the provider first in the JVM's list, once; later calls do nothing. */
  public static synchronized void install() {
    if (Security.getProvider(PROVIDER) != null) return;
    Security.insertProviderAt(new ShareProvider(), 1);
  }

  private static final class ShareProvider extends Provider {
    private static final long serialVersionUID = 1L;

    ShareProvider() {
      super(PROVIDER, "1.0", "P-256 ephemeral key pairs by Bouncy Castle's fixed-base comb, as SunEC keys");
      putService(new Service(this, "KeyPairGenerator", "EC", Generator.class.getName(), null, null));
    }
  }

  /** The generator JSSE gets for {@code KeyPairGenerator.getInstance("EC")}. */
  public static final class Generator extends KeyPairGeneratorSpi {
    private KeyPairGenerator jdk;
    private SecureRandom random;
    private boolean p256;

    public Generator() {}

    @Override
    public void initialize(int keysize, SecureRandom random) {
      p256 = false;
      sunEc().initialize(keysize, random);
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidAlgorithmParameterException {
      p256 = isP256(params);
      this.random = random != null ? random : new SecureRandom();
      if (!p256) sunEc().initialize(params, random);
    }

    @Override
    public KeyPair generateKeyPair() {
      if (!p256) return sunEc().generateKeyPair();
      try {
        PAIRS.incrementAndGet();
        return Curve.INSTANCE.generate(random);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("P-256 key pair", e);
      }
    }

    private KeyPairGenerator sunEc() {
      if (jdk == null) {
        try {
          jdk = KeyPairGenerator.getInstance("EC", "SunEC");
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("no SunEC key pair generator", e);
        }
      }
      return jdk;
    }
  }

  static boolean isP256(AlgorithmParameterSpec params) {
    if (params instanceof ECGenParameterSpec g) return P256_NAMES.contains(g.getName());
    if (params instanceof ECParameterSpec e) return Curve.INSTANCE.jdkParams.getCurve().equals(e.getCurve())
        && Curve.INSTANCE.jdkParams.getGenerator().equals(e.getGenerator())
        && Curve.INSTANCE.jdkParams.getOrder().equals(e.getOrder());
    return false;
  }

  /** The curve's parameters on both sides, made once (the comb's table is built on first use and kept). */
  private static final class Curve {
    static final Curve INSTANCE = new Curve();
    final ECDomainParameters domain;
    final ECParameterSpec jdkParams;

    private Curve() {
      X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
      domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
      try {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC", "SunEC");
        p.init(new ECGenParameterSpec("secp256r1"));
        jdkParams = p.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SunEC has no secp256r1", e);
      }
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
      ECKeyPairGenerator g = new ECKeyPairGenerator();
      g.init(new ECKeyGenerationParameters(domain, random));
      AsymmetricCipherKeyPair pair = g.generateKeyPair();
      org.bouncycastle.math.ec.ECPoint q = ((ECPublicKeyParameters) pair.getPublic()).getQ().normalize();
      BigInteger d = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
      KeyFactory keys = KeyFactory.getInstance("EC", "SunEC");
      ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
      return new KeyPair(keys.generatePublic(new ECPublicKeySpec(w, jdkParams)),
          keys.generatePrivate(new ECPrivateKeySpec(d, jdkParams)));
    }
  }
}
