package org.censorprobe.reporter.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.censorprobe.central.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reporter's TLS to the central store, against a real PostgreSQL (OpenSSL, default settings, which choose the
 * cipher by the server's own order): ChaCha20-Poly1305 is what it gets, and the certificate is verified exactly as
 * pgjdbc verifies it without this factory.
 */
class ReaderSocketFactoryTest {
  @TempDir Path dir;

  @Test
  void theJdksSuitesWithChaCha20FirstAndWithoutAes256Gcm() throws Exception {
    String[] jdk = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
    List<String> offered = List.of(ReaderSocketFactory.preferred(jdk));
    assertEquals(ReaderSocketFactory.CHACHA20, offered.get(0));
    assertFalse(offered.contains(ReaderSocketFactory.AES_256_GCM));
    assertTrue(offered.contains(ReaderSocketFactory.AES_128_GCM));
    List<String> rest = Arrays.stream(jdk)
        .filter(s -> !s.equals(ReaderSocketFactory.CHACHA20) && !s.equals(ReaderSocketFactory.AES_256_GCM)).toList();
    assertEquals(rest, offered.subList(1, offered.size()), "TLS 1.2's suites and their order are the JDK's");
  }

  @Test
  void aJdkWithoutAes128GcmKeepsItsOwnChoice() {
    String[] only = {ReaderSocketFactory.AES_256_GCM, ReaderSocketFactory.CHACHA20};
    assertArrayEquals(only, ReaderSocketFactory.preferred(only), "never offer a TLS 1.3 server nothing it must have");
    String[] noChaCha = {ReaderSocketFactory.AES_256_GCM, ReaderSocketFactory.AES_128_GCM, "TLS_X"};
    assertArrayEquals(new String[] {ReaderSocketFactory.AES_128_GCM, "TLS_X"},
        ReaderSocketFactory.preferred(noChaCha));
  }

  @Test
  void postgresqlChoosesChaCha20AndTheCertificateIsVerified() throws Exception {
    PostgresServer server = PostgresServer.shared();
    Path pw = dir.resolve("pw");
    Files.writeString(pw, server.superPassword() + "\n");
    CentralSource source = CentralSource.parse(server.url("postgres").replace("//", "//" + PostgresServer.SUPERUSER
        + "@"), pw, Map.of());
    try (Connection c = new org.postgresql.Driver().connect(source.jdbcUrl(), source.properties());
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertTrue(r.next());
      assertEquals("TLSv1.3", r.getString(1));
      assertEquals(ReaderSocketFactory.CHACHA20, r.getString(2));
    }

    // The same server without its CA: the JDK's trust store does not know the test CA, so it is refused.
    CentralSource untrusted = CentralSource.parse(server.url("postgres").replaceAll("\\?.*", "")
        .replace("//", "//" + PostgresServer.SUPERUSER + "@"), pw, Map.of());
    SQLException refused = assertThrows(SQLException.class,
        () -> new org.postgresql.Driver().connect(untrusted.jdbcUrl(), untrusted.properties()).close());
    assertTrue(String.valueOf(refused.getCause()).contains("SSLHandshakeException"), String.valueOf(refused));
  }
}
