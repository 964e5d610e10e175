package org.censorprobe.probe.metrics;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A bcrypt hash of {@code basic_auth_users}, as Prometheus exporter-toolkit reads them: {@code $2y$}, {@code $2a$}
 * or {@code $2b$}, a two-digit cost (4 to 31), 22 characters of salt and 31 of hash. {@code htpasswd -nBC 10 ""
 * | tr -d ':\n'} makes one, or {@code java -cp probe.jar org.censorprobe.probe.metrics.PasswordHash} (reads the
 * password from standard input).
 */
public record PasswordHash(String text, int cost) {
  static final String EXPECTED = "a bcrypt hash such as $2y$10$ followed by 53 characters; make one with "
      + "htpasswd -nBC 10 \"\" | tr -d ':\\n'";
  static final int DEFAULT_COST = 10;
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  /** The hash, or IllegalArgumentException with the reason, fit for a config problem. */
  public static PasswordHash parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty (expected " + EXPECTED + ")");
    String t = text.strip();
    if (t.startsWith("$pbkdf2-sha256$")) {
      throw new IllegalArgumentException("a PBKDF2 hash, which censorprobe no longer reads (expected " + EXPECTED
          + "; see docs/operations.md)");
    }
    Matcher m = BCRYPT.matcher(t);
    if (!m.matches()) throw new IllegalArgumentException("not a bcrypt hash (expected " + EXPECTED + ")");
    int cost = Integer.parseInt(m.group(1));
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt cost " + cost + " is out of range (expected 4 to 31)");
    }
    return new PasswordHash(t, cost);
  }

  /** A new {@code $2y$} hash with a random salt. */
  public static PasswordHash create(char[] password, int cost) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return parse(OpenBSDBCrypt.generate("2y", password, salt, cost));
  }

  /** Runs bcrypt at this hash's cost, whatever the password: the cost of a check never depends on the answer. */
  public boolean matches(char[] password) {
    return OpenBSDBCrypt.checkPassword(text, password);
  }

  @Override
  public String toString() {
    return "bcrypt(cost " + cost + ")";
  }

  public static void main(String[] args) throws java.io.IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (System.console() != null) System.err.print("password: ");
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      System.err.println("no password on standard input");
      System.exit(2);
    }
    System.out.println(create(line.toCharArray(), DEFAULT_COST).text());
  }
}
