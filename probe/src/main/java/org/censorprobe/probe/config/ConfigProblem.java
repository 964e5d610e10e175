package org.censorprobe.probe.config;

/** One thing wrong with a config file, printed as {@code FILE:LINE: message}. Line 0 means the whole file. */
public record ConfigProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }

  /** "1 problem", "3 problems": for summaries of a refused file. */
  public static String count(int n) {
    return n + (n == 1 ? " problem" : " problems");
  }
}
