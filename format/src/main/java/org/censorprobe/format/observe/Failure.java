package org.censorprobe.format.observe;

import java.util.Objects;

/**
 * What went wrong in one operation: its type in the one taxonomy and the operation under way. {@code detail} is
 * the raw message, for humans only: never a metric label, never matched on. A wire name this version does not know
 * reads as {@link FailureType#UNKNOWN} with the name kept in the detail, so nothing read is lost.
 */
public record Failure(FailureType type, Operation operation, String detail) {
  public Failure {
    Objects.requireNonNull(type, "type");
  }

  public static Failure of(FailureType type, Operation operation) {
    return new Failure(type, operation, null);
  }

  public Failure withDetail(String d) {
    return new Failure(type, operation, d);
  }
}
