package org.censorprobe.format.json;

/** A record that is not in the measurement format, or in a newer schema than this version reads. */
public final class RecordFormatException extends RuntimeException {
  public RecordFormatException(String message) {
    super(message);
  }

  public RecordFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
