package org.censorprobe.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store:} in both forms and {@code upload:}: what they become, and every problem on its line. */
class OutboxConfigTest {
  private static final String PLATFORMS = "platforms:\n  p:\n    endpoints: [ \"tcp://127.0.0.1:1\" ]\n";

  @TempDir Path dir;

  private ProbeConfig load(String yaml) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, "probe: { id: kz-almaty-1 }\n" + yaml + PLATFORMS);
    return ConfigLoader.load(f);
  }

  private List<String> problems(String yaml) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  private static void assertProblem(List<String> problems, int line, String gist) {
    assertTrue(problems.stream().anyMatch(p -> p.contains("targets.yaml:" + line + ": ") && p.contains(gist)),
        "no problem on line " + line + " with '" + gist + "' in " + problems);
  }

  @Test
  void theStoreIsAPathOrAPathWithACap() throws Exception {
    ProbeConfig plain = load("store: data/x.db\n");
    assertEquals("data/x.db", plain.store());
    assertEquals(0, plain.storeMaxBytes());
    assertNull(plain.upload());
    ProbeConfig capped = load("store: { path: data/y.db, max_size: 2GiB }\n");
    assertEquals("data/y.db", capped.store());
    assertEquals(2L << 30, capped.storeMaxBytes());
    assertEquals("data/censorprobe.db", load("store: { max_size: 64MiB }\n").store());
  }

  @Test
  void anUploadBlockBecomesSettings() throws Exception {
    Files.writeString(dir.resolve("central.pw"), "secret\n");
    Files.writeString(dir.resolve("ca.pem"), new okhttp3.tls.HeldCertificate.Builder().certificateAuthority(0)
        .build().certificatePem());
    ProbeConfig c = load("upload:\n  url: postgresql://central.example.org/censorprobe\n  user: probe_kz-almaty-1\n"
        + "  password_file: central.pw\n  ca_file: ca.pem\n  batch: 200\n  backoff_max: 30m\n");
    UploadSettings u = c.upload();
    assertEquals("central.example.org", u.host());
    assertEquals(5432, u.port());
    assertEquals("censorprobe", u.database());
    assertEquals("probe_kz-almaty-1", u.user());
    assertEquals(dir.resolve("central.pw"), u.passwordFile());
    assertEquals(dir.resolve("ca.pem"), u.caFile());
    assertEquals(200, u.batch());
    assertEquals(Duration.ofMinutes(30), u.backoffMax());
    assertEquals(UploadSettings.DEFAULT_TIMEOUT, u.timeout());
    assertEquals("postgresql://central.example.org:5432/censorprobe", u.label());
    assertEquals(6543, load("upload: { url: \"postgres://[::1]:6543/db\", user: u, password_file: central.pw }\n")
        .upload().port());
  }

  @Test
  void everyProblemIsReportedOnItsLine() throws Exception {
    Files.writeString(dir.resolve("central.pw"), "secret\n");
    Files.writeString(dir.resolve("not-a-ca.pem"), "hello\n");
    List<String> p = problems("store: { path: x.db, max_size: 10KiB, size: 3 }\n"
        + "upload:\n"
        + "  url: mysql://central.example.org/censorprobe\n"
        + "  password_file: missing.pw\n"
        + "  ca_file: not-a-ca.pem\n"
        + "  batch: 0\n"
        + "  timeout: soon\n"
        + "  urll: x\n");
    assertProblem(p, 2, "store.max_size 10KiB is out of range");
    assertProblem(p, 2, "unknown key 'size' in store (expected one of: path, max_size)");
    assertProblem(p, 3, "upload: missing key 'user'");
    assertProblem(p, 4, "upload.url 'mysql://central.example.org/censorprobe' is not a postgresql:// URL");
    assertProblem(p, 5, "upload.password_file 'missing.pw' does not exist");
    assertProblem(p, 6, "upload.ca_file 'not-a-ca.pem'");
    assertProblem(p, 7, "upload.batch 0 is out of range");
    assertProblem(p, 8, "upload.timeout 'soon' is not a duration");
    assertProblem(p, 9, "unknown key 'urll' in upload");
    List<String> q = problems("upload:\n  url: postgresql://u:pw@central.example.org/db?sslmode=disable\n"
        + "  user: u\n  password_file: central.pw\n");
    assertProblem(q, 3, "carries credentials");
    assertProblem(problems("upload:\n  url: postgresql://central.example.org/db?sslmode=disable\n  user: u\n"
        + "  password_file: central.pw\n"), 3, "has parameters (TLS is always verify-full");
    assertProblem(problems("upload:\n  url: postgresql://central.example.org/\n  user: u\n  password_file: central.pw\n"),
        3, "names no database");
    assertProblem(problems("store: [ a, b ]\n"), 2, "store is a list");
  }
}
