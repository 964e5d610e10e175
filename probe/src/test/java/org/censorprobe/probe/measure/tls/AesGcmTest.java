package org.censorprobe.probe.measure.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmTest {

  @BeforeAll
  static void installed() {
    AesGcm.install();
  }

  /**
   * Any key, IV, associated data, message and split into updates: the same ciphertext as SunJCE's; it opens to the
   * message in place (as JSSE decrypts a record) and when given in two parts; one flipped bit anywhere is refused
   * without any plaintext.
   */
  @Property(tries = 300)
  void sealsAsSunJceAndOpensOnlyWhatIsIntact(@ForAll long seed, @ForAll @IntRange(max = 6000) int length,
                                             @ForAll @IntRange(max = 40) int aadLength,
                                             @ForAll @IntRange(min = 12, max = 16) int tagBytes,
                                             @ForAll boolean bouncyCastle) throws Exception {
    Random r = new Random(seed);
    SecretKeySpec key = new SecretKeySpec(bytes(r, r.nextBoolean() ? 16 : 32), "AES");
    GCMParameterSpec spec = new GCMParameterSpec(tagBytes * 8, bytes(r, r.nextInt(4) == 0 ? 16 : 12));
    byte[] aad = bytes(r, aadLength);
    byte[] message = bytes(r, length);

    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdk.init(Cipher.ENCRYPT_MODE, key, spec);
    jdk.updateAAD(aad);
    byte[] expected = jdk.doFinal(message);

    Cipher ours = ours(bouncyCastle);
    ours.init(Cipher.ENCRYPT_MODE, key, spec);
    ours.updateAAD(aad);
    byte[] sealed = new byte[ours.getOutputSize(length)];
    int at = 0;
    int from = 0;
    while (from < length) { // updates of random sizes, then the rest in doFinal
      int n = Math.min(length - from, r.nextInt(700));
      if (r.nextInt(3) == 0) break;
      at += ours.update(message, from, n, sealed, at);
      from += n;
    }
    // All of it in updates: doFinal without input, half the time as Cipher's own no-input call.
    at += from == length && r.nextBoolean() ? ours.doFinal(sealed, at)
        : ours.doFinal(message, from, length - from, sealed, at);
    assertArrayEquals(expected, Arrays.copyOf(sealed, at));

    Cipher opener = ours(bouncyCastle);
    opener.init(Cipher.DECRYPT_MODE, key, spec);
    opener.updateAAD(aad);
    ByteBuffer record = ByteBuffer.wrap(expected.clone());
    int opened = opener.doFinal(record.duplicate(), record);
    assertArrayEquals(message, Arrays.copyOf(record.array(), opened));

    // The record in two parts, an update and doFinal: held until the tag is there, then the same message.
    Cipher split = ours(bouncyCastle);
    split.init(Cipher.DECRYPT_MODE, key, spec);
    split.updateAAD(aad);
    byte[] plain = new byte[length];
    int cut = r.nextInt(expected.length + 1);
    int got = split.update(expected, 0, cut, plain, 0);
    got += cut == expected.length && r.nextBoolean() ? split.doFinal(plain, got)
        : split.doFinal(expected, cut, expected.length - cut, plain, got);
    assertArrayEquals(message, Arrays.copyOf(plain, got));

    byte[] tampered = expected.clone();
    tampered[r.nextInt(tampered.length)] ^= (byte) (1 << r.nextInt(8));
    opener.init(Cipher.DECRYPT_MODE, key, spec);
    opener.updateAAD(aad);
    byte[] out = new byte[Math.max(1, tampered.length)];
    assertThrows(AEADBadTagException.class, () -> opener.doFinal(tampered, 0, tampered.length, out, 0));
    assertTrue(allZero(out), "plaintext released before the tag was checked");
  }

  @Test
  void jsseGetsThisCipherAndAHandshakeItsRecordsGoThrough() throws Exception {
    assertEquals(AesGcm.PROVIDER, Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
    long before = AesGcm.recordsFinished();
    KeySharesTest.handshakeWithServerOf("x25519"); // the server is another JVM, with SunJCE's GCM
    assertTrue(AesGcm.recordsFinished() > before, "no record went through this cipher");
  }

  @ParameterizedTest(name = "Bouncy Castle: {0}")
  @ValueSource(booleans = {true, false})
  void jsseDisposalFailsAsSunJceDoesWithoutAStackTrace(boolean bouncyCastle) throws Exception {
    SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
    GCMParameterSpec spec = new GCMParameterSpec(128, new byte[12]);
    Cipher read = ours(bouncyCastle);
    read.init(Cipher.DECRYPT_MODE, key, spec);
    Exception noTag = assertThrows(AEADBadTagException.class, read::doFinal);
    assertEquals(0, noTag.getStackTrace().length);

    Cipher write = ours(bouncyCastle);
    write.init(Cipher.ENCRYPT_MODE, key, spec);
    write.update(new byte[3]);
    assertEquals(3 + 16, write.doFinal().length); // the rest and the tag, from no input
    Exception spent = assertThrows(IllegalStateException.class, write::doFinal);
    assertEquals(0, spent.getStackTrace().length);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdk.init(Cipher.ENCRYPT_MODE, key, spec);
    jdk.doFinal(new byte[3]);
    assertThrows(IllegalStateException.class, jdk::doFinal);
  }

  @ParameterizedTest(name = "Bouncy Castle: {0}")
  @ValueSource(booleans = {true, false})
  void theSameKeyAndIvTwiceForEncryptionIsRefusedAsSunJceRefusesIt(boolean bouncyCastle) throws Exception {
    SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
    GCMParameterSpec spec = new GCMParameterSpec(128, new byte[12]);
    Cipher c = ours(bouncyCastle);
    c.init(Cipher.ENCRYPT_MODE, key, spec);
    c.doFinal(new byte[1]);
    assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, key, spec));
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  }

  @ParameterizedTest(name = "Bouncy Castle: {0}")
  @ValueSource(booleans = {true, false})
  void aDecryptionCanBeRepeatedAfterItFinishesOrFails(boolean bouncyCastle) throws Exception {
    SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
    GCMParameterSpec spec = new GCMParameterSpec(128, new byte[12]);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdk.init(Cipher.ENCRYPT_MODE, key, spec);
    byte[] sealed = jdk.doFinal("hello".getBytes());
    Cipher c = ours(bouncyCastle);
    c.init(Cipher.DECRYPT_MODE, key, spec);
    byte[] bad = sealed.clone();
    bad[0] ^= 1;
    assertThrows(AEADBadTagException.class, () -> c.doFinal(bad));
    assertArrayEquals("hello".getBytes(), c.doFinal(sealed));
    assertArrayEquals("hello".getBytes(), c.doFinal(sealed));
  }

  @Test
  void whatItDoesNotServeGoesToSunJce() throws Exception {
    // Key wrapping: refused here in init, so Cipher's delayed provider selection moves on to SunJCE.
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.WRAP_MODE, new SecretKeySpec(new byte[16], "AES"), new GCMParameterSpec(128, new byte[12]));
    assertEquals("SunJCE", c.getProvider().getName());
    assertInstanceOf(byte[].class, c.wrap(new SecretKeySpec(new byte[16], "AES")));
  }

  @Test
  void theEngineIsSunJcesUnlessBouncyCastleIsNamed() {
    // install() (once per JVM) reads the property; this JVM has C2 and leaves it unset, as a plain java -jar does.
    assertEquals(null, System.getProperty(AesGcm.ENGINE_PROPERTY));
    assertEquals(JdkGcm.class.getName(),
        Security.getProvider(AesGcm.PROVIDER).getService("Cipher", "AES/GCM/NoPadding").getClassName());
    assertEquals(AesGcm.class.getName(), AesGcm.provider(true).getService("Cipher", "AES/GCM/NoPadding")
        .getClassName());
  }

  @Test
  void theLauncherNamesBouncyCastleForTheVerbsItRunsOnC1AloneAndLetsC2CompileSunJceForTheDaemon() throws Exception {
    String once = launcherCommandFor("once");
    assertTrue(once.contains("-XX:TieredStopAtLevel=1"), once);
    assertTrue(once.contains("-D" + AesGcm.ENGINE_PROPERTY + "=" + AesGcm.BOUNCY_CASTLE), once);

    String daemon = launcherCommandFor("run");
    assertTrue(daemon.contains("-XX:CompilerDirectivesFile="), daemon);
    assertFalse(daemon.contains(AesGcm.ENGINE_PROPERTY), daemon);
    String directives = Files.readString(Path.of("bin/c2-directives.json"));
    assertTrue(directives.contains("\"com/sun/crypto/provider/*.*\""), "C2 may compile SunJCE's GCM: " + directives);
  }

  /** The java command line the launcher would run for {@code verb} (it prints it instead when asked to). */
  private static String launcherCommandFor(String verb) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "bin/probe", verb).redirectErrorStream(true);
    pb.environment().put("CENSORPROBE_PRINT_JAVA", "1");
    pb.environment().put("CENSORPROBE_JAR", Path.of("bin/probe").toAbsolutePath().toString()); // any file will do
    pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().remove("CENSORPROBE_JAVA_OPTS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static Cipher ours(boolean bouncyCastle) throws Exception {
    return Cipher.getInstance("AES/GCM/NoPadding", AesGcm.provider(bouncyCastle));
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) if (x != 0) return false;
    return true;
  }
}
