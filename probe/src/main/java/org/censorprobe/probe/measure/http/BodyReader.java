package org.censorprobe.probe.measure.http;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import okio.Buffer;
import okio.GzipSource;
import okio.Source;
import org.censorprobe.probe.config.Limits;

/**
 * Reads one response body within the limits, keeping only its digest and first bytes. okhttp's transparent
 * gzip would inflate without bound, so the prober asks for gzip itself and inflates here:
 * <ul>
 *   <li>kept: the first {@code limits.bodyBytes} decoded bytes; more than that sets {@code truncated};</li>
 *   <li>gzip: inflating goes on (discarding) past the kept part to find a compression bomb: more than
 *       {@code limits.decompressedBytes} decoded bytes stops the read as {@code tooLarge}; the compressed wire
 *       read is capped at the same size, since deflate can also spin on input that yields nothing.</li>
 * </ul>
 * Memory stays at one segment plus the kept head, whatever the peer sends. State survives an exception so the
 * caller can record what was read before the failure.
 */
final class BodyReader {
  private static final long CHUNK = 8 * 1024;
  static final int HEAD_BYTES = Math.max(PageText.SAMPLE_BYTES, PageText.TITLE_SCAN_BYTES);

  private final Limits limits;
  private final MessageDigest sha256;
  /** Grown as the body comes, up to HEAD_BYTES: most pages are a few KiB, and a 64 KiB array per page was 8% of a
   * steady daemon's allocation. */
  private byte[] head = new byte[0];
  private int headLength;
  private long kept;
  private long decoded;
  private boolean truncated;
  private boolean tooLarge;
  private boolean decodeError;
  private CappedSource wire;
  private long readNanos;

  BodyReader(Limits limits) {
    this.limits = limits;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Reads until the body ends or a cap is hit; throws the wire's or the decoder's error. */
  void read(Source body, boolean gzip) throws IOException {
    long start = System.nanoTime();
    // One byte past the cap tells "exactly at the cap" from "more than the cap".
    wire = new CappedSource(body, (gzip ? limits.decompressedBytes() : limits.bodyBytes()) + 1);
    Source decoder = gzip ? new GzipSource(wire) : wire;
    Buffer chunk = new Buffer();
    try {
      while (true) {
        long n;
        try {
          n = decoder.read(chunk, CHUNK);
        } catch (IOException e) {
          if (wire.wireError() != null) throw e;
          if (wire.capped()) { // the wire cap cut the compressed stream: a cut, not a decoding error
            truncated = true;
            return;
          }
          decodeError = true;
          throw e;
        }
        if (n < 0) {
          if (wire.capped()) truncated = true;
          return;
        }
        decoded += n;
        keep(chunk);
        chunk.clear();
        if (gzip && decoded > limits.decompressedBytes()) {
          tooLarge = true;
          truncated = true;
          return;
        }
        if (!gzip && truncated) return;
      }
    } finally {
      readNanos = System.nanoTime() - start;
    }
  }

  private void keep(Buffer chunk) throws IOException {
    long room = limits.bodyBytes() - kept;
    if (chunk.size() > room) truncated = true;
    int take = (int) Math.min(chunk.size(), Math.max(0, room));
    if (take == 0) return;
    byte[] bytes = new byte[take];
    chunk.readFully(bytes);
    sha256.update(bytes);
    int toHead = Math.min(take, HEAD_BYTES - headLength);
    if (toHead > 0) {
      if (headLength + toHead > head.length) {
        head = Arrays.copyOf(head, Math.min(HEAD_BYTES, Math.max(headLength + toHead, 2 * head.length)));
      }
      System.arraycopy(bytes, 0, head, headLength, toHead);
      headLength += toHead;
    }
    kept += take;
  }

  long keptBytes() {
    return kept;
  }

  boolean truncated() {
    return truncated;
  }

  boolean tooLarge() {
    return tooLarge;
  }

  boolean decodeError() {
    return decodeError;
  }

  long wireBytes() {
    return wire == null ? 0 : wire.bytesRead();
  }

  double readSeconds() {
    return readNanos / 1e9;
  }

  String sha256Hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable in the JDK providers", e);
    }
  }

  byte[] head() {
    return head;
  }

  int headLength() {
    return headLength;
  }
}
