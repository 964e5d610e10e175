package org.censorprobe.probe.metrics;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for {@code basic_auth_users} in the web config. bcrypt (what Prometheus' exporter-toolkit
 * uses) is not in the JDK, so the format is PBKDF2-HMAC-SHA256, which is:
 * {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH} with SALT (16 bytes) and HASH (32 bytes) in unpadded standard
 * Base64. Make one with {@code java -cp probe.jar org.censorprobe.probe.metrics.PasswordHash} (reads the password
 * from standard input).
 */
public final class PasswordHash {
  static final String PREFIX = "$pbkdf2-sha256$";
  static final int DEFAULT_ITERATIONS = 210_000;
  /** Hashes with fewer iterations are refused as too weak; more than MAX would make every request a DoS. */
  static final int MIN_ITERATIONS = 10_000;
  static final int MAX_ITERATIONS = 5_000_000;
  private static final int HASH_BYTES = 32;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Parses a hash string; IllegalArgumentException with a message for the config error otherwise. */
  public static PasswordHash parse(String text) {
    String expected = "expected " + PREFIX + "ITERATIONS$SALT$HASH (see docs/operations.md)";
    if (text == null || !text.startsWith(PREFIX)) throw new IllegalArgumentException("not a PBKDF2 hash: " + expected);
    String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) throw new IllegalArgumentException(expected);
    try {
      int iterations = Integer.parseInt(parts[0]);
      if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException("iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
      }
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] hash = Base64.getDecoder().decode(parts[2]);
      if (salt.length < 8 || hash.length != HASH_BYTES) throw new IllegalArgumentException(expected);
      return new PasswordHash(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected);
    }
  }

  public static String create(char[] password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Constant-time in the hash comparison. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  public static void main(String[] args) throws java.io.IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (System.console() != null) System.err.print("password: ");
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      System.err.println("no password on standard input");
      System.exit(2);
    }
    System.out.println(create(line.toCharArray(), DEFAULT_ITERATIONS));
  }
}
