package org.censorprobe.probe.measure.tls;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM for TLS records ({@code Cipher.getInstance("AES/GCM/NoPadding")}), by Bouncy Castle's GCM when the JVM
 * runs on C1 alone; the provider {@link #install()} puts first serves {@link JdkGcm} (SunJCE's GCM) otherwise.
 *
 * <p>Why: the launcher runs most verbs on C1-compiled code only, where SunJCE's GCM has none of its intrinsics and
 * its GHASH multiplies bit by bit (128 steps a block): about 60 us for a 2.3 KB record against 46-51 us here (under
 * C2, with the intrinsics, SunJCE takes a few: {@link JdkGcm}). And JDK 17's
 * JSSE disposes of each record cipher by calling {@code doFinal()} on it, which SunJCE answers with an exception
 * raised three levels deep: eight stack traces per handshake, 1.5% of a steady daemon's CPU samples in
 * {@code fill_in_stack_trace} alone (bench/README.md). Here such a call, which must fail (nothing to decrypt, or an
 * encryption already finished), fails at once with an exception that carries no stack trace.
 *
 * <p>The GHASH multiplier is Bouncy Castle's table-free one. Its 4 KiB-table multiplier is faster (28 us a 2.3 KB
 * record) but is 8.5 KiB of small arrays per cipher, four ciphers per handshake, alive as long as the connection:
 * 35 KiB more allocation per flow, and the daemon's collector paid back more than the table saved.
 *
 * <p>Semantics kept from SunJCE on purpose: decryption releases no plaintext before the tag is verified (input is
 * held until {@code doFinal}); an encryption must be initialised again after {@code doFinal}; the same key and IV
 * twice in a row for encryption is refused; tags of 96 to 128 bits. Anything else (a wrap mode, another tag
 * length, a key that is not raw bytes) is refused in {@code init}, which makes {@link Cipher}'s delayed provider
 * selection hand the cipher to SunJCE. Not thread-safe, as no {@code Cipher} is.
 */
public final class AesGcm extends GcmSpi {
  public static final String PROVIDER = "censorprobe-aes-gcm";
  /** Records sealed or opened here since the JVM started (tests check that a handshake's records came here). */
  private static final AtomicLong FINISHED = new AtomicLong();

  private final GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance(), new BasicGCMMultiplier());
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private boolean encrypt;
  private boolean ready;
  /** The key Bouncy Castle's cipher holds (its schedule and GHASH table), once it holds one. */
  private byte[] lastKey;
  private byte[] lastEncryptionKey;
  private byte[] lastEncryptionIv;
  private byte[] iv;
  private int tagBytes;

  /**
   * The system property that names the engine: {@value #BOUNCY_CASTLE} for a JVM whose C2 may not compile SunJCE's
   * GCM (the launcher sets it for the verbs it runs on C1 alone); anything else, or nothing, SunJCE's own
   * ({@link JdkGcm}), which C2 compiles onto HotSpot's AES and carry-less-multiply intrinsics.
   */
  public static final String ENGINE_PROPERTY = "censorprobe.aesgcm";
  public static final String BOUNCY_CASTLE = "bouncycastle";

  /**
   * Installs the provider first in the JVM's list, once, with the engine {@link #ENGINE_PROPERTY} names; later
   * calls do nothing.
   */
  public static synchronized void install() {
    if (Security.getProvider(PROVIDER) != null) return;
    Security.insertProviderAt(provider(BOUNCY_CASTLE.equals(System.getProperty(ENGINE_PROPERTY))), 1);
  }

  /** The provider, not installed: Bouncy Castle's engine ({@link AesGcm}) or SunJCE's behind {@link JdkGcm}. */
  static Provider provider(boolean bouncyCastle) {
    return new GcmProvider(bouncyCastle);
  }

  static long recordsFinished() {
    return FINISHED.get();
  }

  static void recordFinished() {
    FINISHED.incrementAndGet();
  }

  private static final class GcmProvider extends Provider {
    private static final long serialVersionUID = 1L;

    GcmProvider(boolean bouncyCastle) {
      super(PROVIDER, "1.0", bouncyCastle ? "AES/GCM/NoPadding by Bouncy Castle's GCM (table-free GHASH)"
          : "AES/GCM/NoPadding by SunJCE, failing JSSE's disposal without stack traces");
      String engine = (bouncyCastle ? AesGcm.class : JdkGcm.class).getName();
      putService(new Service(this, "Cipher", "AES/GCM/NoPadding", engine, null, null));
    }
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    if (encrypt) return gcm.getOutputSize(inputLen);
    return Math.max(0, held.size() + inputLen - tagBytes);
  }

  @Override
  protected byte[] engineGetIV() {
    return iv == null ? null : iv.clone();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    if (iv == null) return null;
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("GCM");
      p.init(new GCMParameterSpec(tagBytes * 8, iv));
      return p;
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  @Override
  protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
    if (opmode != Cipher.ENCRYPT_MODE) throw new InvalidKeyException("decryption needs the IV (GCMParameterSpec)");
    byte[] fresh = new byte[12];
    (random != null ? random : new SecureRandom()).nextBytes(fresh);
    try {
      engineInit(opmode, key, new GCMParameterSpec(128, fresh), random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (params == null) {
      engineInit(opmode, key, random);
      return;
    }
    try {
      engineInit(opmode, key, params.getParameterSpec(GCMParameterSpec.class), random);
    } catch (InvalidParameterSpecException e) {
      throw new InvalidAlgorithmParameterException("not GCM parameters", e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
      throw new InvalidKeyException("encryption and decryption only");
    }
    if (!(params instanceof GCMParameterSpec spec)) throw new InvalidAlgorithmParameterException("GCMParameterSpec");
    int tagBits = spec.getTLen();
    if (tagBits < 96 || tagBits > 128 || tagBits % 8 != 0) {
      throw new InvalidAlgorithmParameterException("tag length " + tagBits);
    }
    byte[] nonce = spec.getIV();
    if (nonce.length == 0) throw new InvalidAlgorithmParameterException("empty IV");
    byte[] raw = key == null || !"RAW".equalsIgnoreCase(key.getFormat()) ? null : key.getEncoded();
    if (raw == null || (raw.length != 16 && raw.length != 24 && raw.length != 32)) {
      throw new InvalidKeyException("an AES key of 16, 24 or 32 raw bytes");
    }
    boolean enc = opmode == Cipher.ENCRYPT_MODE;
    if (enc && Arrays.equals(raw, lastEncryptionKey) && Arrays.equals(nonce, lastEncryptionIv)) {
      throw new InvalidAlgorithmParameterException("Cannot reuse iv for GCM encryption");
    }
    // Bouncy Castle takes a null key as "the same key": its schedule and GHASH table are kept (TLS re-initialises
    // the cipher for every record, with one key).
    KeyParameter k = Arrays.equals(raw, lastKey) ? null : new KeyParameter(raw);
    try {
      gcm.init(enc, new AEADParameters(k, tagBits, nonce));
    } catch (IllegalArgumentException e) {
      ready = false;
      lastKey = null; // the next init hands the key over again
      throw new InvalidAlgorithmParameterException(e.getMessage(), e);
    }
    lastKey = raw;
    if (enc) {
      lastEncryptionKey = raw;
      lastEncryptionIv = nonce;
    }
    encrypt = enc;
    iv = nonce;
    tagBytes = tagBits / 8;
    held.reset();
    ready = true;
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    checkReady();
    gcm.processAADBytes(src, offset, len);
  }

  @Override
  protected void engineUpdateAAD(java.nio.ByteBuffer src) {
    byte[] b = new byte[src.remaining()];
    src.get(b);
    engineUpdateAAD(b, 0, b.length);
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
    checkReady();
    if (!encrypt) {
      held.write(input, inputOffset, inputLen); // no plaintext before the tag is verified
      return new byte[0];
    }
    byte[] out = new byte[gcm.getUpdateOutputSize(inputLen)];
    int n = gcm.processBytes(input, inputOffset, inputLen, out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException {
    checkReady();
    if (!encrypt) {
      held.write(input, inputOffset, inputLen);
      return 0;
    }
    if (output.length - outputOffset < gcm.getUpdateOutputSize(inputLen)) {
      throw new ShortBufferException("output buffer too small");
    }
    byte[] in = overlapSafe(input, inputOffset, inputLen, output);
    return gcm.processBytes(in, in == input ? inputOffset : 0, inputLen, output, outputOffset);
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
      throws IllegalBlockSizeException, BadPaddingException {
    byte[] out = new byte[finalOutputSize(inputLen)];
    try {
      int n = engineDoFinal(input, inputOffset, inputLen, out, 0);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("output sized by the cipher itself", e);
    }
  }

  @Override
  protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    checkReady();
    int size = finalOutputSize(inputLen);
    if (output == null || output.length - outputOffset < size) {
      throw new ShortBufferException("need " + size + " bytes of output");
    }
    try {
      if (encrypt) {
        byte[] in = inputLen == 0 ? input : overlapSafe(input, inputOffset, inputLen, output);
        int n = inputLen == 0 ? 0 : gcm.processBytes(in, in == input ? inputOffset : 0, inputLen, output,
            outputOffset);
        n += gcm.doFinal(output, outputOffset + n);
        ready = false; // as SunJCE: a new IV before the next encryption
        FINISHED.incrementAndGet();
        return n;
      }
      // JSSE hands a whole record to doFinal, with nothing held before it: that record is read where it lies
      // (even when output is the same array: all of it is read before anything is written there), instead of
      // through the held stream's growing and copying, which was 4% of the measuring threads' allocation.
      byte[] sealed = input;
      int sealedOffset = inputOffset;
      int sealedLength = inputLen;
      if (held.size() > 0) {
        if (inputLen > 0) held.write(input, inputOffset, inputLen);
        sealed = held.toByteArray();
        sealedOffset = 0;
        sealedLength = sealed.length;
        held.reset();
      }
      if (sealedLength < tagBytes) {
        gcm.reset();
        throw new NoTag(); // JDK 17's JSSE disposes of a read cipher this way, every handshake
      }
      byte[] plain = new byte[gcm.getOutputSize(sealedLength)];
      int n = gcm.processBytes(sealed, sealedOffset, sealedLength, plain, 0);
      n += gcm.doFinal(plain, n); // verifies the tag before anything is copied out
      System.arraycopy(plain, 0, output, outputOffset, n);
      FINISHED.incrementAndGet();
      return n;
    } catch (InvalidCipherTextException e) {
      gcm.reset(); // as SunJCE: ready for another message with the same key and IV
      throw new AEADBadTagException("Tag mismatch");
    }
  }

  private int finalOutputSize(int inputLen) {
    if (encrypt) return ready ? gcm.getOutputSize(inputLen) : 0;
    return Math.max(0, held.size() + inputLen - tagBytes);
  }

  private void checkReady() {
    if (!ready) throw encrypt && iv != null ? new Spent() : new IllegalStateException("Cipher not initialized");
  }

  /** {@code input}, or a copy of its range when it shares an array with {@code output} (in-place records). */
  private static byte[] overlapSafe(byte[] input, int offset, int len, byte[] output) {
    return input == output ? Arrays.copyOfRange(input, offset, offset + len) : input;
  }

  /** Decryption asked to finish without a tag to check. Always an error; never worth a stack trace. */
  static final class NoTag extends AEADBadTagException {
    private static final long serialVersionUID = 1L;

    NoTag() {
      super("Input data too short to contain an expected tag");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Encryption used again after it finished, without a new IV. Always an error; never worth a stack trace. */
  static final class Spent extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Spent() {
      super("Must use either different key or iv for GCM encryption");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
