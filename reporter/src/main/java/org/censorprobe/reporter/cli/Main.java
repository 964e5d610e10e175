package org.censorprobe.reporter.cli;

/** Placeholder entry point until the reporter's own issue lands. */
public final class Main {
  public static void main(String[] args) {
    System.err.println("reporter: not built yet");
    System.exit(1);
  }
}
