package org.censorprobe.reporter.read;

/** One input of a report (the store or a JSON-lines file) and how many of its records were read for it. */
public record SourceSummary(Kind kind, String path, long records) {
  public enum Kind { STORE, JSON_LINES }
}
