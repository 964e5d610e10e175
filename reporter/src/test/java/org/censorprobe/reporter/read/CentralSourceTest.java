package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The central store's URL, credentials and the COPY rows, without a server (CentralStoreReportTest has one). */
class CentralSourceTest {
  @TempDir Path dir;

  @Test
  void aLibpqUrlWithUserAndCaFileVerifiesTheServerByDefault() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret\nsecond line ignored\n");
    CentralSource s = CentralSource.parse("postgresql://reporter@central.example.org/censorprobe?sslrootcert=/etc/ca.pem",
        pw, Map.of());
    assertEquals("central.example.org", s.host());
    assertEquals(5432, s.port());
    assertEquals("reporter", s.user());
    assertEquals("verify-full", s.sslMode());
    assertEquals("s3cret", s.password());
    assertEquals("jdbc:postgresql://central.example.org:5432/censorprobe", s.jdbcUrl());
    assertEquals("/etc/ca.pem", s.properties().getProperty("sslrootcert"));
    assertFalse(s.toString().contains("s3cret"));
    assertFalse(s.describe().contains("s3cret"));
  }

  @Test
  void withoutACaFileTheJdksTrustStoreVerifiesIt() {
    CentralSource s = CentralSource.parse("postgres://[2001:db8::5]:6432/fleet?user=r", null, Map.of());
    assertNull(s.properties().getProperty("sslrootcert"), "ReaderSocketFactory then wraps the JDK's trust store");
    assertEquals("verify-full", s.properties().getProperty("sslmode"));
    assertEquals(6432, s.port());
    assertNull(s.password(), "none given: the server says whether it needs one");
  }

  @Test
  void theUserComesFromTheUrlThenPgUser() {
    assertEquals("from-env", CentralSource.parse("postgresql://h/db", null, Map.of("PGUSER", "from-env")).user());
    assertEquals("in-url", CentralSource.parse("postgresql://in-url@h/db", null, Map.of("PGUSER", "x")).user());
  }

  @Test
  void passwordsOnTheCommandLineAndUnverifiedTlsAreRefused() {
    IllegalArgumentException inUser = assertThrows(IllegalArgumentException.class,
        () -> CentralSource.parse("postgresql://r:hunter2@h/db", null, Map.of()));
    assertTrue(inUser.getMessage().contains("carries a password"), inUser.getMessage());
    assertFalse(inUser.getMessage().contains("hunter2"), inUser.getMessage());
    IllegalArgumentException inQuery = assertThrows(IllegalArgumentException.class,
        () -> CentralSource.parse("postgresql://h/db?password=hunter2", null, Map.of()));
    assertFalse(inQuery.getMessage().contains("hunter2"), inQuery.getMessage());
    for (String mode : List.of("disable", "allow", "prefer", "require")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CentralSource.parse("postgresql://h/db?sslmode=" + mode, null, Map.of()));
      assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }
    assertEquals("verify-ca", CentralSource.parse("postgresql://h/db?sslmode=verify-ca", null, Map.of()).sslMode());
    assertThrows(IllegalArgumentException.class, () -> CentralSource.parse("postgresql://h/db?options=-c", null, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> CentralSource.parse("postgresql:///db", null, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> CentralSource.parse("postgresql://h/", null, Map.of()));
  }

  @Test
  void passwordFileThenPgPasswordThenTheLibpqPasswordFile() throws Exception {
    Path pgpass = dir.resolve("pgpass");
    Files.writeString(pgpass, String.join("\n",
        "# host:port:database:user:password",
        "other:5432:db:r:not-this",
        "h:*:db:r:pass\\:with\\\\escapes",
        "*:*:*:*:fallback", ""));
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
    assertEquals("pass:with\\escapes", CentralSource.parse("postgresql://r@h/db", null, env).password());
    assertEquals("fallback", CentralSource.parse("postgresql://s@h/db", null, env).password());
    assertEquals("from-env", CentralSource.parse("postgresql://r@h/db", null,
        Map.of("PGPASSFILE", pgpass.toString(), "PGPASSWORD", "from-env")).password());
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\r\n");
    assertEquals("from-file", CentralSource.parse("postgresql://r@h/db", file, Map.of("PGPASSWORD", "x")).password());
    assertEquals("pass:with\\escapes", CentralSource.parse("postgresql://r@h/db?passfile=" + pgpass, null, Map.of())
        .password(), "passfile= in the URL");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
        () -> CentralSource.parse("postgresql://r@h/db", null, env));
    assertTrue(open.getMessage().contains("can be read by others"), open.getMessage());
    Files.writeString(file, "");
    assertThrows(IllegalArgumentException.class, () -> CentralSource.parse("postgresql://r@h/db", file, Map.of()));
  }

  @Test
  void copyRowsSplitOnTabsWithEscapesAndNulls() {
    CopyRow row = new CopyRow(4);
    byte[] line = "id-1\t1764547200123\ta\\tb\\\\c\\nd\\101\\x42\t\\N\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(row.split(line));
    assertEquals("id-1", row.text(0));
    assertEquals(1764547200123L, row.number(1));
    assertEquals("a\tb\\c\ndAB", row.text(2));
    assertNull(row.text(3));
    assertFalse(row.split("one\ttwo\n".getBytes(StandardCharsets.UTF_8)), "too few fields");
    assertFalse(row.split("1\t2\t3\t4\t5\n".getBytes(StandardCharsets.UTF_8)), "too many fields");
    TextCache cache = new TextCache();
    assertTrue(row.split("x\t-5\tпривет\tпривет\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(-5, row.number(1));
    String first = row.text(2, cache);
    assertEquals("привет", first);
    assertTrue(first == row.text(3, cache), "the same bytes give the same String");
  }
}
