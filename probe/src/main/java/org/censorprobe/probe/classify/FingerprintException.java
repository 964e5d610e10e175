package org.censorprobe.probe.classify;

/** A fingerprint file that cannot be used; the message names the file and line. */
public class FingerprintException extends RuntimeException {
  public FingerprintException(String message, Throwable cause) {
    super(message, cause);
  }
}
