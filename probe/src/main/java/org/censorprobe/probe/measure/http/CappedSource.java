package org.censorprobe.probe.measure.http;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * The response body as it comes off the wire, ending early after {@code cap} bytes so that no reader above it
 * (the gzip header parser scans for a terminator) can buffer more than that. Remembers whether the cap or the
 * wire ended it, and any error the wire raised, so a decoder's complaint can be told from a network one.
 */
final class CappedSource extends ForwardingSource {
  private final long cap;
  private long read;
  private boolean capped;
  private IOException wireError;

  CappedSource(Source wire, long cap) {
    super(wire);
    this.cap = cap;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long allowed = Math.min(byteCount, cap - read);
    if (allowed <= 0) {
      capped = true;
      return -1;
    }
    long n;
    try {
      n = super.read(sink, allowed);
    } catch (IOException e) {
      wireError = e;
      throw e;
    }
    if (n > 0) read += n;
    return n;
  }

  long bytesRead() {
    return read;
  }

  boolean capped() {
    return capped;
  }

  IOException wireError() {
    return wireError;
  }
}
