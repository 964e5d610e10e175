package org.censorprobe.probe.store;

/** The cap leaves no room for a round, and nothing left in the store may be deleted for it. */
public final class StoreFullException extends RuntimeException {
  public StoreFullException(String message) {
    super(message);
  }
}
