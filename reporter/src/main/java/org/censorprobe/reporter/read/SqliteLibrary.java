package org.censorprobe.reporter.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Opens SQLite connections, loading sqlite-jdbc's native library from a copy the launcher keeps when it names a
 * place for one. Left to itself, sqlite-jdbc extracts its 1.1 MB library from the jar at every start, reads it back
 * to compare it byte by byte and runs {@code uname -o} (to tell Android apart): 0.2 s of the 0.6-0.8 s a report over
 * a minute of data takes. reporter/bin/reporter names a directory in its cache ({@value #PROPERTY}, named after this
 * jar and that java, so it holds one platform's library). When the library is there, sqlite-jdbc is told to load it
 * from there (org.sqlite.lib.path, its documented way to bring one's own); when not, the library sqlite-jdbc
 * extracts is copied there after the first connection. A copy that does not load makes sqlite-jdbc log it and
 * extract its own as before; a library the user chose with sqlite-jdbc's properties is left alone.
 */
final class SqliteLibrary {
  static final String PROPERTY = "censorprobe.sqlite-library-dir";

  private static boolean decided;
  private static Path toKeep;

  private SqliteLibrary() {}

  static Connection connect(SQLiteConfig config, Path store) throws SQLException {
    boolean first = beforeFirstConnection();
    Connection db = config.createConnection("jdbc:sqlite:" + store.toAbsolutePath());
    if (first) afterFirstConnection();
    return db;
  }

  /** True the first time: the native library is loaded by the connection that follows. */
  private static synchronized boolean beforeFirstConnection() {
    if (decided) return false;
    decided = true;
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isEmpty() || System.getProperty("org.sqlite.lib.path") != null
        || System.getProperty("org.sqlite.lib.name") != null) {
      return true;
    }
    Path copy = Path.of(named).toAbsolutePath().resolve(LibraryLoaderUtil.getNativeLibName());
    if (Files.isRegularFile(copy)) {
      // the name stays sqlite-jdbc's own: a copy that fails to load then leaves its extraction as it was
      System.setProperty("org.sqlite.lib.path", copy.getParent().toString());
    } else {
      toKeep = copy;
    }
    return true;
  }

  private static synchronized void afterFirstConnection() {
    Path copy = toKeep;
    toKeep = null;
    if (copy == null) return;
    try {
      keep(copy);
    } catch (IOException | RuntimeException e) {
      // only a cache: this report is made all the same, and the next one tries again
    }
  }

  /** Writes the library sqlite-jdbc extracts on this platform to {@code copy}, whole or not at all. */
  static void keep(Path copy) throws IOException {
    Files.createDirectories(copy.getParent());
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) return; // a platform the jar has no library for: sqlite-jdbc found one elsewhere
      Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
