package org.censorprobe.probe.rejudge;

import java.time.Instant;
import java.util.Objects;

/**
 * Which stored records a re-judgement may rewrite: rounds that started in {@code [from, to)}, and only records of
 * {@code platform} when one is named ({@code control} and {@code resolver} name those records). Rounds before
 * {@code from} are judged too, never written: the throttle history carries from round to round.
 */
public record Scope(Instant from, Instant to, String platform) {
  public Scope {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  boolean writes(Instant roundStart) {
    return !roundStart.isBefore(from) && roundStart.isBefore(to);
  }

  boolean covers(String recordPlatform) {
    return platform == null || platform.equals(recordPlatform);
  }
}
