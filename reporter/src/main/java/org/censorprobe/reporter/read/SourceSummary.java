package org.censorprobe.reporter.read;

/**
 * One input of a report (a probe's store, the fleet's central store or a JSON-lines file) and how many of its
 * records were read for it. {@code path} is a file's path, or for the central store its address (host, port,
 * database and role; never a credential); {@code name} is what a published report calls it: a file's name, the
 * central store's database, never the author's directories or hosts.
 */
public record SourceSummary(Kind kind, String path, String name, long records) {
  public enum Kind { STORE, CENTRAL, JSON_LINES }

  public SourceSummary(Kind kind, String path, long records) {
    this(kind, path, fileName(path), records);
  }

  private static String fileName(String path) {
    java.nio.file.Path file = java.nio.file.Path.of(path).getFileName();
    return file == null ? path : file.toString();
  }
}
