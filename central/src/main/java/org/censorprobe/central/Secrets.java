package org.censorprobe.central;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Passwords come from files (or the environment), never from the command line where `ps` shows them. */
public final class Secrets {
  private Secrets() {}

  /** The file's first line, without its line end; refuses an empty one. */
  public static String readPasswordFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the password file: " + e.getMessage());
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
    if (line.isEmpty()) throw new IllegalArgumentException(file + ": the password file is empty");
    return line;
  }

  /** From {@code file} when given, else from the environment variable; null when neither has one. */
  public static String password(Path file, String environmentVariable) {
    if (file != null) return readPasswordFile(file);
    String v = System.getenv(environmentVariable);
    return v == null || v.isEmpty() ? null : v;
  }
}
