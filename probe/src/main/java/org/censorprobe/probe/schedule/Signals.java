package org.censorprobe.probe.schedule;

/**
 * Signal handlers through {@code sun.misc.Signal} (jdk.unsupported). Guarded: on a JVM without it, or where the
 * signal is reserved (e.g. -Xrs), {@link #handle} returns false and the caller falls back.
 */
public final class Signals {
  private Signals() {}

  @SuppressWarnings("removal")
  public static boolean handle(String name, Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
      return true;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }
}
