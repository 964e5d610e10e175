package org.censorprobe.probe.store;

/** The store cannot be opened or written: a message fit for the log and the terminal. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
