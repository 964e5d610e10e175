package org.censorprobe.probe.measure.tls;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;

/** What the provider's two AES-GCM engines ({@link AesGcm}, {@link JdkGcm}) answer alike: the transformation. */
abstract class GcmSpi extends CipherSpi {
  static final int BLOCK = 16;

  @Override
  protected final void engineSetMode(String mode) throws NoSuchAlgorithmException {
    if (!"GCM".equalsIgnoreCase(mode)) throw new NoSuchAlgorithmException("GCM only");
  }

  @Override
  protected final void engineSetPadding(String padding) throws NoSuchPaddingException {
    if (!"NoPadding".equalsIgnoreCase(padding)) throw new NoSuchPaddingException("NoPadding only");
  }

  @Override
  protected final int engineGetBlockSize() {
    return BLOCK;
  }

  @Override
  protected final int engineGetKeySize(Key key) throws InvalidKeyException {
    byte[] raw = key.getEncoded();
    if (raw == null) throw new InvalidKeyException("no encoding");
    return raw.length * 8;
  }
}
