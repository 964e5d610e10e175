package org.censorprobe.reporter.read;

/** Input the reporter cannot use; the message names the file (and line) and says what is wrong. */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
