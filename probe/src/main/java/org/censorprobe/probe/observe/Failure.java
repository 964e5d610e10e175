package org.censorprobe.probe.observe;

/**
 * What went wrong in one step, in the project's one fixed taxonomy (OONI's failure strings, see
 * {@link FailureStrings}) and the operation that was under way when it happened ({@link Operations}).
 * {@code detail} is the raw message, for humans only: never a metric label, never matched on.
 */
public record Failure(String failure, String operation, String detail) {
  public static Failure of(String failure, String operation) {
    return new Failure(failure, operation, null);
  }
}
