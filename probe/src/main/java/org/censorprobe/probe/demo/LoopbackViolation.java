package org.censorprobe.probe.demo;

/** Something in or around the demo would have reached beyond loopback: refused, never attempted. */
public final class LoopbackViolation extends RuntimeException {
  public LoopbackViolation(String message) {
    super(message);
  }
}
