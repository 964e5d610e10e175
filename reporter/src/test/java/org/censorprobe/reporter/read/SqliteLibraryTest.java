package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.censorprobe.reporter.histories.Histories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The launcher's copy of sqlite-jdbc's native library: kept by the first report, loaded by the next, and a copy that
 * does not load changes nothing in the report. Each report runs in a JVM of its own, as each report of a user does
 * (the library is loaded once per JVM).
 */
class SqliteLibraryTest {
  @TempDir Path dir;

  @Test
  void keepsTheLibrarySqliteJdbcWouldExtractWholeAndNothingElse() throws IOException {
    Path copy = dir.resolve("native").resolve(LibraryLoaderUtil.getNativeLibName());
    SqliteLibrary.keep(copy);
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      assertArrayEquals(in.readAllBytes(), Files.readAllBytes(copy));
    }
    try (Stream<Path> files = Files.list(copy.getParent())) {
      assertEquals(List.of(copy), files.toList(), "no partial copy left behind");
    }
  }

  @Test
  void theFirstReportKeepsACopyTheNextLoadsAndABrokenCopyChangesNothing() throws Exception {
    Path store = dir.resolve("censorprobe.db");
    try (TestStore s = new TestStore(store, StoreReader.SCHEMA_VERSION)) {
      s.addAll(Histories.all().get("event"));
    }
    Path libraryDir = dir.resolve("reporter-key-native");
    Path copy = libraryDir.resolve(LibraryLoaderUtil.getNativeLibName());

    Report first = report(store, libraryDir, List.of());
    assertEquals(0, first.exit(), first.stderr());
    assertTrue(Files.isRegularFile(copy), "the first report keeps a copy");

    // sqlite-jdbc given nowhere to extract its own library: the report is made only if the copy is loaded
    Report second = report(store, libraryDir, List.of("-Dorg.sqlite.tmpdir=" + dir.resolve("absent")));
    assertEquals(0, second.exit(), second.stderr());
    assertEquals(first.stdout(), second.stdout());
    // sqlite-jdbc's own words when it falls back from a library it was given, or cannot extract its own. (Its
    // clean-up of old extractions may still log that the absent directory cannot be listed: on JDK 25 it does.)
    assertFalse(second.stderr().contains("Failed to load native library"), second.stderr());
    assertFalse(second.stderr().contains("Failed to write a native library"), second.stderr());

    Files.writeString(copy, "not a library");
    Report third = report(store, libraryDir, List.of());
    assertEquals(0, third.exit(), third.stderr());
    assertEquals(first.stdout(), third.stdout());
  }

  private record Report(int exit, String stdout, String stderr) {}

  private Report report(Path store, Path libraryDir, List<String> jvmOptions) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".json");
    Path err = Files.createTempFile(dir, "err", ".txt");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + SqliteLibrary.PROPERTY + "=" + libraryDir));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.censorprobe.reporter.cli.Main",
        "--store", store.toString(), "--format", "json"));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    // the report's time of making is the one line that differs between two runs
    String report = String.join("\n", Files.readAllLines(out, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.contains("\"generated_at\"")).toList());
    return new Report(exit, report, Files.readString(err, StandardCharsets.UTF_8));
  }
}
