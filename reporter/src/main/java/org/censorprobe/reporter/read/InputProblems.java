package org.censorprobe.reporter.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Malformed input met while reading: each problem names its file and line (or store row). Skipped and counted,
 * or fatal when strict. Keeps the first few messages only: hostile input must not grow memory.
 */
public final class InputProblems {
  public static final int KEPT_MESSAGES = 20;

  private final boolean strict;
  private final List<String> messages = new ArrayList<>();
  private long count;

  public InputProblems(boolean strict) {
    this.strict = strict;
  }

  public void report(String where, String problem) {
    String message = where + ": " + problem;
    if (strict) throw new InputException(message + " (--strict)");
    count++;
    if (messages.size() < KEPT_MESSAGES) messages.add(message);
  }

  public long count() {
    return count;
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }
}
