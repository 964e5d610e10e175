package org.censorprobe.reporter.read;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where the fleet's central PostgreSQL is and how the reporter logs in: a libpq-style URL
 * ({@code postgresql://[USER@]HOST[:PORT]/DATABASE[?sslrootcert=CA.pem&sslmode=verify-full]}) and a password
 * that never comes from the command line ({@link Passwords}). TLS always verifies the server's certificate:
 * {@code verify-full} (name and chain) unless the URL says {@code verify-ca}; the chain against
 * {@code sslrootcert}, or the JDK's trust store when none is given (as the probe's uploader does). A report
 * read over an untrusted path would be a report of whatever a middlebox wanted it to say.
 */
public record CentralSource(String host, int port, String database, String user, String sslMode, Path rootCert,
                            Path passFile, int connectTimeoutSeconds, String password) {
  public static final int DEFAULT_PORT = 5432;
  static final String EXPECTED = "postgresql://[USER@]HOST[:PORT]/DATABASE[?sslrootcert=CA.pem], e.g."
      + " postgresql://reporter@central.example.org/censorprobe?sslrootcert=/etc/censorprobe/ca.pem";
  private static final Set<String> PARAMETERS =
      Set.of("sslmode", "sslrootcert", "user", "passfile", "connect_timeout", "application_name");

  /** True when the text names a PostgreSQL server rather than a file. */
  public static boolean isUrl(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("postgresql://") || t.startsWith("postgres://");
  }

  /**
   * Parses the URL; the password comes from {@code passwordFile}, else {@code PGPASSWORD}, else the libpq
   * password file. Throws IllegalArgumentException with what is wrong and what was expected.
   */
  public static CentralSource parse(String text, Path passwordFile, Map<String, String> environment) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + redacted(text) + "' is not a URL (expected " + EXPECTED + ")");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("'" + redacted(text) + "' has no host (expected " + EXPECTED + ")");
    }
    String path = u.getPath() == null ? "" : u.getPath();
    String db = path.startsWith("/") ? path.substring(1) : path;
    if (db.isEmpty() || db.contains("/")) {
      throw new IllegalArgumentException("'" + redacted(text) + "' names no database (expected " + EXPECTED + ")");
    }
    String user = null;
    if (u.getRawUserInfo() != null) {
      if (u.getRawUserInfo().contains(":")) {
        throw new IllegalArgumentException("'" + redacted(text) + "' carries a password: give it in --password-file,"
            + " PGPASSWORD or a ~/.pgpass line, never on the command line where ps and shell history show it");
      }
      user = decode(u.getRawUserInfo());
    }
    Map<String, String> params = query(u.getRawQuery(), text);
    if (params.containsKey("user")) user = params.get("user");
    if (user == null || user.isEmpty()) user = environment.get("PGUSER");
    if (user == null || user.isEmpty()) user = System.getProperty("user.name"); // libpq's default too
    String mode = params.getOrDefault("sslmode", "verify-full");
    if (!mode.equals("verify-full") && !mode.equals("verify-ca")) {
      throw new IllegalArgumentException("sslmode=" + mode + " does not verify the server's certificate; the"
          + " reporter reads the central store only with sslmode=verify-full (the default) or verify-ca");
    }
    Path root = params.containsKey("sslrootcert") ? Path.of(params.get("sslrootcert")) : null;
    Path passFile = params.containsKey("passfile") ? Path.of(params.get("passfile")) : null;
    int connectTimeout = 10;
    if (params.containsKey("connect_timeout")) {
      try {
        connectTimeout = Integer.parseInt(params.get("connect_timeout"));
      } catch (NumberFormatException e) {
        connectTimeout = -1;
      }
      if (connectTimeout < 1) {
        throw new IllegalArgumentException("connect_timeout=" + params.get("connect_timeout")
            + " is not a positive number of seconds");
      }
    }
    int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
    String password = Passwords.find(passwordFile, environment, passFile, u.getHost(), port, db, user);
    return new CentralSource(u.getHost(), port, db, user, mode, root, passFile, connectTimeout, password);
  }

  private static Map<String, String> query(String raw, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.equals("password")) {
        throw new IllegalArgumentException("'" + redacted(text) + "' carries a password: give it in --password-file,"
            + " PGPASSWORD or a ~/.pgpass line, never on the command line where ps and shell history show it");
      }
      if (!PARAMETERS.contains(key)) {
        throw new IllegalArgumentException("unknown URL parameter '" + key + "' (the reporter takes "
            + String.join(", ", PARAMETERS.stream().sorted().toList()) + ")");
      }
      out.put(key, value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The URL with anything after a ':' in the user part or a password parameter blanked, for error messages. */
  static String redacted(String text) {
    return text.replaceAll("(//[^/@:]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** pgjdbc's URL: host, port and database only; everything else goes in {@link #properties()}. */
  public String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** The connection's settings: TLS verified, every wait bounded, a name the server's activity view shows. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) p.setProperty("password", password);
    p.setProperty("sslmode", sslMode);
    if (rootCert != null) p.setProperty("sslrootcert", rootCert.toString());
    // pgjdbc's factory for either case (with sslrootcert or the JDK's trust store), preferring a cipher the
    // launcher's C1-only JVM decrypts quickly
    p.setProperty("sslfactory", ReaderSocketFactory.class.getName());
    p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
    p.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
    // a read that waits this long is a cut path, not a slow query: fetches come in pieces of a few thousand rows
    p.setProperty("socketTimeout", "600");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "censorprobe reporter");
    p.setProperty("readOnly", "true");
    return p;
  }

  /** For the report and messages: where and as whom, never the password. */
  public String describe() {
    return "postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database
        + " (as " + user + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
