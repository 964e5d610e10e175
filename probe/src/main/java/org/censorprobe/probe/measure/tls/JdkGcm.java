package org.censorprobe.probe.measure.tls;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM for TLS records by SunJCE's own cipher, with the two calls JDK 17's JSSE makes to dispose of a record
 * cipher (a {@code doFinal()} that must fail) failing here at once, without a stack trace.
 *
 * <p>Why not SunJCE alone: it answers those calls with an exception raised three levels deep, eight stack traces
 * per handshake (1.5% of a steady daemon's CPU samples in {@code fill_in_stack_trace} when the daemon ran C1's
 * code, bench/README.md; under C2, {@code HandshakeCpu} measured a flow through this class 6% cheaper than through
 * SunJCE directly, in each of three runs). Why not
 * {@link AesGcm}'s Bouncy Castle: once C2 may compile SunJCE's GCM (a JVM with C2, the daemon's launcher and its
 * directives), it runs on HotSpot's AES and carry-less-multiply intrinsics, 6 us to seal and open a 2.3 KB record
 * against 48 us for Bouncy Castle's Java. Under C1 alone the intrinsics are absent and Bouncy Castle is faster,
 * which is why {@link AesGcm#install()} chooses.
 *
 * <p>Everything else, including every guarantee (no plaintext before the tag is verified, no key and IV twice for
 * encryption) and every other failure, is SunJCE's, with its exceptions.
 */
public final class JdkGcm extends GcmSpi {
  /** Looked up once: a lookup by name walks the JVM's provider list, four times per handshake. */
  private static final Provider SUN_JCE = Security.getProvider("SunJCE");

  private final Cipher jdk;
  private boolean encrypt;
  /** Initialised, and for an encryption not yet finished (SunJCE wants a new IV then). */
  private boolean ready;
  /**
   * Bytes given to a decryption since its initialisation or its last finish; -1 when unknown (after a failure
   * SunJCE may or may not have kept its input), which only turns off the fast failure below.
   */
  private long held;
  private int tagBytes;

  public JdkGcm() throws NoSuchAlgorithmException, NoSuchPaddingException, NoSuchProviderException {
    if (SUN_JCE == null) throw new NoSuchProviderException("SunJCE");
    jdk = Cipher.getInstance("AES/GCM/NoPadding", SUN_JCE);
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    return jdk.getOutputSize(inputLen);
  }

  @Override
  protected byte[] engineGetIV() {
    return jdk.getIV();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    return jdk.getParameters();
  }

  @Override
  protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
    checkMode(opmode);
    jdk.init(opmode, key, random);
    initialised(opmode, tagBytesOf(jdk.getParameters()));
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    checkMode(opmode);
    jdk.init(opmode, key, params, random);
    initialised(opmode, tagBytesOf(jdk.getParameters()));
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    checkMode(opmode);
    jdk.init(opmode, key, params, random);
    initialised(opmode,
        params instanceof GCMParameterSpec spec ? spec.getTLen() / 8 : tagBytesOf(jdk.getParameters()));
  }

  /** Key wrapping is refused here, so that {@link Cipher}'s delayed provider selection hands it to SunJCE. */
  private static void checkMode(int opmode) throws InvalidKeyException {
    if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
      throw new InvalidKeyException("encryption and decryption only");
    }
  }

  private void initialised(int opmode, int tag) {
    encrypt = opmode == Cipher.ENCRYPT_MODE;
    ready = true;
    held = 0;
    tagBytes = tag;
  }

  private static int tagBytesOf(AlgorithmParameters params) {
    try {
      return params == null ? BLOCK : params.getParameterSpec(GCMParameterSpec.class).getTLen() / 8;
    } catch (GeneralSecurityException e) {
      return BLOCK;
    }
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    checkReady();
    jdk.updateAAD(src, offset, len);
  }

  @Override
  protected void engineUpdateAAD(ByteBuffer src) {
    checkReady();
    jdk.updateAAD(src);
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
    checkReady();
    given(inputLen);
    return jdk.update(input, inputOffset, inputLen);
  }

  @Override
  protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException {
    checkReady();
    given(inputLen);
    return jdk.update(input, inputOffset, inputLen, output, outputOffset);
  }

  @Override
  protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
    checkReady();
    given(input.remaining());
    return jdk.update(input, output);
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
      throws IllegalBlockSizeException, BadPaddingException {
    finishing(inputLen);
    byte[] out;
    try {
      // Cipher.doFinal() hands its spi a null input, which Cipher.doFinal(byte[], int, int) would refuse.
      out = input == null ? jdk.doFinal() : jdk.doFinal(input, inputOffset, inputLen);
    } catch (IllegalBlockSizeException | BadPaddingException | RuntimeException e) {
      failed(e);
      throw e;
    }
    finished();
    return out;
  }

  @Override
  protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    finishing(inputLen);
    int n;
    try {
      n = input == null ? jdk.doFinal(output, outputOffset)
          : jdk.doFinal(input, inputOffset, inputLen, output, outputOffset);
    } catch (ShortBufferException | IllegalBlockSizeException | BadPaddingException | RuntimeException e) {
      failed(e);
      throw e;
    }
    finished();
    return n;
  }

  @Override
  protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    finishing(input.remaining());
    int n;
    try {
      n = jdk.doFinal(input, output);
    } catch (ShortBufferException | IllegalBlockSizeException | BadPaddingException | RuntimeException e) {
      failed(e);
      throw e;
    }
    finished();
    return n;
  }

  private void checkReady() {
    if (!ready) {
      // Only an encryption can have been initialised and not be ready: it finished.
      throw encrypt ? new AesGcm.Spent() : new IllegalStateException("Cipher not initialized");
    }
  }

  private void given(int bytes) {
    if (!encrypt && held >= 0) held += bytes;
  }

  /** The disposal JSSE does: a decryption finished with nothing that could hold a tag fails here, at once. */
  private void finishing(int inputLen) throws AEADBadTagException {
    checkReady();
    if (!encrypt && held == 0 && inputLen < tagBytes) throw new AesGcm.NoTag();
  }

  private void finished() {
    if (encrypt) ready = false;
    held = 0;
    AesGcm.recordFinished();
  }

  private void failed(Exception e) {
    // A wrong tag leaves SunJCE ready for the same message again; after anything else its input is not known.
    held = e instanceof AEADBadTagException ? 0 : -1;
  }
}
