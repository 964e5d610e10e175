package org.censorprobe.probe.config;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The line of targets.yaml each value of a loaded config was read from, for the checks that run on the values after
 * the file was read (the demo's loopback rule): their problems then name a line as the reader's own do. Keyed by
 * identity, because two equal endpoints written on two lines are two values.
 */
public final class SourceLines {
  private final Map<Object, Integer> lines = new IdentityHashMap<>();

  void put(Object value, int line) {
    if (value != null) lines.putIfAbsent(value, line);
  }

  /** The line {@code value} was read from; 0 (the whole file, as in {@link ConfigProblem}) for any other value. */
  public int of(Object value) {
    Integer line = lines.get(value);
    return line == null ? 0 : line;
  }
}
