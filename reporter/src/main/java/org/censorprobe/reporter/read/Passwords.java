package org.censorprobe.reporter.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reporter's password for the central store, never from the command line (where ps and shell history show
 * it): {@code --password-file}, else {@code PGPASSWORD}, else the first matching line of libpq's password file
 * ({@code passfile=} in the URL, else {@code PGPASSFILE}, else {@code ~/.pgpass}; lines
 * {@code host:port:database:user:password}, {@code *} matching anything, {@code \:} and {@code \\} escaped).
 */
final class Passwords {
  private Passwords() {}

  static String find(Path passwordFile, Map<String, String> env, Path passFile, String host, int port,
                     String database, String user) {
    if (passwordFile != null) return readPasswordFile(passwordFile);
    String fromEnv = env.get("PGPASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
    Path file = passFile;
    if (file == null && env.get("PGPASSFILE") != null && !env.get("PGPASSFILE").isEmpty()) {
      file = Path.of(env.get("PGPASSFILE"));
    }
    boolean named = file != null;
    if (file == null) file = Path.of(System.getProperty("user.home"), ".pgpass");
    if (!Files.isRegularFile(file)) {
      if (named) throw new IllegalArgumentException(file + ": no password file at this path");
      return null;
    }
    return fromPassFile(file, host, port, database, user);
  }

  /** The file's first line without its line end; an empty or unreadable file is an error. */
  static String readPasswordFile(Path file) {
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

  static String fromPassFile(Path file, String host, int port, String database, String user) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      for (PosixFilePermission p : perms) {
        if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
          // libpq ignores such a file; saying so beats a puzzling "password authentication failed"
          throw new IllegalArgumentException(file + ": the password file can be read by others; chmod 0600 it"
              + " (libpq ignores it too)");
        }
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to check
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the password file: " + e.getMessage());
    }
    String[] wanted = {host, Integer.toString(port), database, user};
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) continue;
      List<String> fields = fields(line);
      if (fields.size() != 5) continue;
      boolean match = true;
      for (int i = 0; i < 4 && match; i++) match = fields.get(i).equals("*") || fields.get(i).equals(wanted[i]);
      if (match) return fields.get(4);
    }
    return null;
  }

  /** Splits at unescaped colons; a backslash makes the next character literal. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        b.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out;
  }
}
