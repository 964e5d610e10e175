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
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Faster ephemeral key pairs for the ClientHello's two key shares, which stay the ones the JDK offers.
 *
 * <p>JDK 17's TLS client puts two key shares in every ClientHello, X25519 and P-256, and generates both even
 * though most servers pick X25519; there is no setting to send one share while still offering P-256 (and offering
 * fewer groups would change the ClientHello a censor sees, and fail against servers without X25519). JDK 17 makes
 * both pairs with generic field arithmetic and no table for the fixed base point: a P-256 pair took 0.6-0.8 ms of
 * CPU, 42% of a warm round's Java CPU, an X25519 pair 0.16-0.2 ms (bench/README.md). Bouncy Castle (already here
 * for bcrypt) has fixed-base combs for both: 0.1 ms for P-256 and under 0.04 ms for X25519, including the
 * conversion to the JDK's own key objects.
 *
 * <p>So this provider, installed first, serves only {@code KeyPairGenerator.EC} and {@code KeyPairGenerator.XDH}:
 * for P-256 and X25519 it computes the pair with Bouncy Castle and hands back SunEC's key objects (built by SunEC's
 * KeyFactory), so the encoding and everything after stay the JDK's; for every other curve or initialisation it is
 * SunEC's generator itself. It also serves {@code KeyAgreement.XDH} for X25519 keys ({@link X25519Agreement}), the
 * shared secret of nearly every handshake; for any other key, {@code KeyAgreement}'s delayed provider selection
 * passes over it to SunEC.
 *
 * <p>A measurement's P-256 share is reused ({@link #measuring}). Even with the comb, a fresh P-256 pair was 0.14-0.3
 * ms of a 2.1-2.6 ms flow under C1, spent on a share that almost no server uses. So all measurement handshakes
 * ({@link TlsProber}'s) share one P-256 pair for up to 30 s ({@link ReusedShare}); their X25519 shares, the ones
 * servers pick, stay fresh per handshake. What a censor sees is unchanged in form (the same groups, the same two
 * shares, a valid point); that the P-256 value repeats tells an on-path observer only what the probe's source
 * address already does, that these connections come from one client. If a server does pick P-256, the secret is
 * still unknown to an observer; only its forward secrecy is bounded by the pair's life, for pages that are public.
 * Every other handshake in the JVM (the uploader's, the control client's, the metrics listener's) gets fresh pairs.
 */
public final class KeyShares {
  public static final String PROVIDER = "censorprobe-keyshares";
  private static final Set<String> P256_NAMES = Set.of("secp256r1", "prime256v1", "NIST P-256", "P-256",
      "1.2.840.10045.3.1.7");

  /** Pairs made here since the JVM started (tests check that a handshake's share came from here). */
  private static final AtomicLong P256_PAIRS = new AtomicLong();
  private static final AtomicLong X25519_PAIRS = new AtomicLong();

  /** Set while the current thread runs a measurement's handshake: its P-256 share may be the reused one. */
  private static final ThreadLocal<Boolean> MEASURING = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private static final SecureRandom SHARED_RANDOM = new SecureRandom();
  private static volatile ReusedShare measurementP256 = new ReusedShare(KeyShares::freshP256);

  private KeyShares() {}

  /**
   * Marks the calling thread's handshakes as a measurement's until the returned scope closes: JSSE makes the
   * ClientHello's shares on the thread that starts the handshake.
   */
  public static Scope measuring() {
    boolean outer = MEASURING.get();
    MEASURING.set(Boolean.TRUE);
    return () -> MEASURING.set(outer);
  }

  /** A {@link #measuring()} scope; closing it throws nothing. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Replaces the measurements' P-256 share and returns the one it replaces: for a test that must know which pairs
   * its handshakes got, whatever age the shipped share's pair has reached.
   */
  static ReusedShare replaceMeasurementShare(ReusedShare share) {
    ReusedShare old = measurementP256;
    measurementP256 = share;
    return old;
  }

  static KeyPair freshP256() {
    try {
      P256_PAIRS.incrementAndGet();
      return P256.INSTANCE.generate(SHARED_RANDOM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key pair", e);
    }
  }

  static long p256PairsMade() {
    return P256_PAIRS.get();
  }

  static long x25519PairsMade() {
    return X25519_PAIRS.get();
  }

  /** Installs the provider first in the JVM's list, once; later calls do nothing. */
  public static synchronized void install() {
    if (Security.getProvider(PROVIDER) != null) return;
    Security.insertProviderAt(new ShareProvider(), 1);
  }

  private static final class ShareProvider extends Provider {
    private static final long serialVersionUID = 1L;

    ShareProvider() {
      super(PROVIDER, "1.1", "P-256 and X25519 ephemeral key pairs by Bouncy Castle's fixed-base combs, as SunEC keys;"
          + " the X25519 shared secret by Bouncy Castle");
      putService(new Service(this, "KeyPairGenerator", "EC", EcGenerator.class.getName(), null, null));
      putService(new Service(this, "KeyPairGenerator", "XDH", XdhGenerator.class.getName(), null, null));
      putService(new Service(this, "KeyAgreement", "XDH", X25519Agreement.class.getName(), null, null));
    }
  }

  /**
   * One generator: the fast path for the one curve it knows, SunEC's own generator (made on first use) for the
   * rest. {@code initialize(int, ...)} always goes to SunEC: a key size names no curve unambiguously.
   */
  private abstract static class FastOrSunEc extends KeyPairGeneratorSpi {
    private final String algorithm;
    private KeyPairGenerator jdk;
    private SecureRandom random;
    private boolean fast;

    FastOrSunEc(String algorithm) {
      this.algorithm = algorithm;
    }

    abstract boolean isFastCurve(AlgorithmParameterSpec params);

    abstract KeyPair generateFast(SecureRandom random) throws GeneralSecurityException;

    @Override
    public final void initialize(int keysize, SecureRandom random) {
      fast = false;
      sunEc().initialize(keysize, random);
    }

    @Override
    public final void initialize(AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidAlgorithmParameterException {
      fast = isFastCurve(params);
      this.random = random != null ? random : new SecureRandom();
      if (!fast) sunEc().initialize(params, random);
    }

    @Override
    public final KeyPair generateKeyPair() {
      if (!fast) return sunEc().generateKeyPair();
      try {
        return generateFast(random);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(algorithm + " key pair", e);
      }
    }

    private KeyPairGenerator sunEc() {
      if (jdk == null) {
        try {
          jdk = KeyPairGenerator.getInstance(algorithm, "SunEC");
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("no SunEC " + algorithm + " key pair generator", e);
        }
      }
      return jdk;
    }
  }

  /** The generator JSSE gets for {@code KeyPairGenerator.getInstance("EC")}. */
  public static final class EcGenerator extends FastOrSunEc {
    public EcGenerator() {
      super("EC");
    }

    @Override
    boolean isFastCurve(AlgorithmParameterSpec params) {
      return isP256(params);
    }

    @Override
    KeyPair generateFast(SecureRandom random) throws GeneralSecurityException {
      if (MEASURING.get()) return measurementP256.get();
      P256_PAIRS.incrementAndGet();
      return P256.INSTANCE.generate(random);
    }
  }

  /** The generator JSSE gets for {@code KeyPairGenerator.getInstance("XDH")}. */
  public static final class XdhGenerator extends FastOrSunEc {
    public XdhGenerator() {
      super("XDH");
    }

    @Override
    boolean isFastCurve(AlgorithmParameterSpec params) {
      return params instanceof NamedParameterSpec n && "X25519".equalsIgnoreCase(n.getName());
    }

    @Override
    KeyPair generateFast(SecureRandom random) throws GeneralSecurityException {
      X25519_PAIRS.incrementAndGet();
      // RFC 7748 byte strings are little-endian; the JDK's key specs hold the scalar as those bytes and the public
      // u-coordinate as a number.
      byte[] scalar = new byte[X25519.SCALAR_SIZE];
      X25519.generatePrivateKey(random, scalar);
      byte[] u = new byte[X25519.POINT_SIZE];
      X25519.generatePublicKey(scalar, 0, u, 0);
      KeyFactory keys = KeyFactory.getInstance("XDH", "SunEC");
      return new KeyPair(keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, littleEndian(u))),
          keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar)));
    }
  }

  static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) big[i] = bytes[bytes.length - 1 - i];
    return new BigInteger(1, big);
  }

  static boolean isP256(AlgorithmParameterSpec params) {
    if (params instanceof ECGenParameterSpec g) return P256_NAMES.contains(g.getName());
    if (params instanceof ECParameterSpec e) return P256.INSTANCE.jdkParams.getCurve().equals(e.getCurve())
        && P256.INSTANCE.jdkParams.getGenerator().equals(e.getGenerator())
        && P256.INSTANCE.jdkParams.getOrder().equals(e.getOrder());
    return false;
  }

  /** The curve's parameters on both sides, made once (the comb's table is built on first use and kept). */
  private static final class P256 {
    static final P256 INSTANCE = new P256();
    final ECDomainParameters domain;
    final ECParameterSpec jdkParams;

    private P256() {
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
