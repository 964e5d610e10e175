package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {
  @TempDir Path dir;

  @Test
  void addsPemCertificatesToTheJdkDefaults() throws Exception {
    TestCertificates pki = TestCertificates.create();
    Path pem = dir.resolve("extra.pem");
    Files.writeString(pem, pki.rootPem());
    X509TrustManager jdk = TrustAnchors.load(List.of());
    X509TrustManager both = TrustAnchors.load(List.of(pem));
    assertFalse(Arrays.asList(jdk.getAcceptedIssuers()).contains(pki.root()));
    assertTrue(Arrays.asList(both.getAcceptedIssuers()).contains(pki.root()));
    assertEquals(jdk.getAcceptedIssuers().length + 1, both.getAcceptedIssuers().length);
  }

  @Test
  void invalidPemNamesTheFile() throws Exception {
    Path pem = dir.resolve("broken.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustAnchors.load(List.of(pem)));
    assertTrue(e.getMessage().contains(pem.toString()), e.getMessage());
  }

  @Test
  void emptyFileNamesTheFile() throws Exception {
    Path pem = dir.resolve("empty.pem");
    Files.writeString(pem, "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustAnchors.load(List.of(pem)));
    assertTrue(e.getMessage().contains(pem.toString()), e.getMessage());
  }

  @Test
  void missingFileNamesTheFile() {
    Path pem = dir.resolve("missing.pem");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustAnchors.load(List.of(pem)));
    assertTrue(e.getMessage().contains(pem.toString()), e.getMessage());
  }
}
