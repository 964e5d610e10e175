package org.censorprobe.probe.metrics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code Authorization: Basic} against bcrypt {@code basic_auth_users}, as exporter-toolkit does.
 *
 * <p>bcrypt is slow by design (about 70 ms at cost 10), and Prometheus scrapes every 15 s with the same
 * credentials: a successful check is cached, keyed by an HMAC (with a key drawn at start) of the user and the
 * password, so the password itself is never kept. Failures are not cached: every wrong attempt pays a bcrypt.
 * An unknown user is checked against a decoy hash of the highest configured cost, so a wrong password and an
 * unknown user cost the same (no user enumeration by timing; when users' hashes have different costs, the
 * decoy's is the highest). One bcrypt runs at a time, so failed attempts cannot take every core.
 */
final class BasicAuth {
  private static final int CACHE_SIZE = 64;

  private final Map<String, PasswordHash> users;
  private final PasswordHash decoy;
  private final BiPredicate<PasswordHash, char[]> bcrypt;
  private final byte[] cacheKey = new byte[32];
  private final Object bcryptLock = new Object();
  private final Map<String, Boolean> verified = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
          return size() > CACHE_SIZE;
        }
      });

  BasicAuth(Map<String, PasswordHash> users) {
    this(users, PasswordHash::matches);
  }

  /** {@code bcrypt} is the check itself: tests count the calls and their cost. */
  BasicAuth(Map<String, PasswordHash> users, BiPredicate<PasswordHash, char[]> bcrypt) {
    this.users = Map.copyOf(users);
    this.bcrypt = bcrypt;
    SecureRandom random = new SecureRandom();
    random.nextBytes(cacheKey);
    int cost = this.users.values().stream().mapToInt(PasswordHash::cost).max().orElse(PasswordHash.DEFAULT_COST);
    byte[] secret = new byte[18];
    random.nextBytes(secret);
    char[] noOnesPassword = Base64.getEncoder().encodeToString(secret).toCharArray();
    this.decoy = PasswordHash.create(noOnesPassword, cost);
  }

  boolean enabled() {
    return !users.isEmpty();
  }

  /** True when the header carries a configured user and that user's password. */
  boolean check(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return false;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) return false;
    String user = decoded.substring(0, colon);
    char[] password = decoded.substring(colon + 1).toCharArray();
    String key = cacheKey(decoded);
    if (verified.containsKey(key)) return true;
    PasswordHash hash = users.get(user);
    boolean known = hash != null;
    boolean ok;
    synchronized (bcryptLock) {
      ok = bcrypt.test(known ? hash : decoy, password) && known;
    }
    if (ok) verified.put(key, Boolean.TRUE);
    return ok;
  }

  private String cacheKey(String userColonPassword) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(userColonPassword.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
