package org.censorprobe.probe.measure.tls;

import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The X25519 shared secret of a handshake, computed by Bouncy Castle: what JSSE gets for
 * {@code KeyAgreement.getInstance("XDH")} when its key is an X25519 one.
 *
 * <p>Why: the server picks X25519 in nearly every handshake, and JDK 17's variable-base ladder (generic 64-bit
 * limbs behind many small calls) is slow in the C1-compiled code the launcher runs: 11% of the measuring threads'
 * CPU samples in a steady daemon (bench/README.md). Bouncy Castle's ladder computes the same function.
 *
 * <p>Same answers as SunEC's {@code XDHKeyAgreement}, on purpose: the peer's u-coordinate is taken modulo p (as the
 * JDK's key objects hold it), the scalar is clamped (inside {@link X25519}), an all-zero secret (a small-order
 * point) is refused with {@link InvalidKeyException}, and {@code generateSecret(String)} serves only JSSE's
 * {@code "TlsPremasterSecret"}. Any other key (X448, a key without its scalar) is refused in {@code init}, so that
 * {@code KeyAgreement}'s delayed provider selection hands it to SunEC.
 */
public final class X25519Agreement extends KeyAgreementSpi {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  /** Secrets computed here since the JVM started (tests check that a handshake's secret came from here). */
  private static final AtomicLong SECRETS = new AtomicLong();

  private byte[] scalar;
  private byte[] secret;

  static long secretsComputed() {
    return SECRETS.get();
  }

  @Override
  protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
    if (!(key instanceof XECPrivateKey k) || !isX25519(k.getParams())) {
      throw new InvalidKeyException("not an X25519 private key");
    }
    byte[] s = k.getScalar().orElseThrow(() -> new InvalidKeyException("the private key does not expose its scalar"));
    if (s.length != X25519.SCALAR_SIZE) throw new InvalidKeyException("an X25519 scalar is 32 bytes");
    scalar = s;
    secret = null;
  }

  @Override
  protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (params != null && !isX25519(params)) throw new InvalidAlgorithmParameterException("X25519 only");
    engineInit(key, random);
  }

  @Override
  protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
    if (scalar == null) throw new IllegalStateException("not initialised");
    if (!lastPhase) throw new IllegalStateException("X25519 has one phase");
    if (!(key instanceof XECPublicKey k) || !isX25519(k.getParams())) {
      throw new InvalidKeyException("not an X25519 public key");
    }
    byte[] out = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(scalar, 0, littleEndian32(k.getU().mod(P)), 0, out, 0)) {
      throw new InvalidKeyException("Point has small order");
    }
    SECRETS.incrementAndGet();
    secret = out;
    return null;
  }

  @Override
  protected byte[] engineGenerateSecret() {
    if (secret == null) throw new IllegalStateException("no phase done");
    byte[] out = secret;
    secret = null;
    return out;
  }

  @Override
  protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
    if (secret == null) throw new IllegalStateException("no phase done");
    if (sharedSecret.length - offset < secret.length) throw new ShortBufferException("needs " + secret.length);
    System.arraycopy(secret, 0, sharedSecret, offset, secret.length);
    Arrays.fill(secret, (byte) 0);
    secret = null;
    return X25519.POINT_SIZE;
  }

  @Override
  protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
    if (!"TlsPremasterSecret".equals(algorithm)) {
      throw new NoSuchAlgorithmException("Only supported for algorithm TlsPremasterSecret");
    }
    return new SecretKeySpec(engineGenerateSecret(), algorithm);
  }

  private static boolean isX25519(AlgorithmParameterSpec params) {
    return params instanceof NamedParameterSpec n && "X25519".equalsIgnoreCase(n.getName());
  }

  /** {@code u} (0 <= u < p) as RFC 7748's 32-byte little-endian string. */
  static byte[] littleEndian32(BigInteger u) {
    byte[] big = u.toByteArray(); // big-endian, maybe with a leading sign byte
    byte[] out = new byte[X25519.POINT_SIZE];
    for (int i = 0; i < out.length && i < big.length; i++) out[i] = big[big.length - 1 - i];
    return out;
  }
}
