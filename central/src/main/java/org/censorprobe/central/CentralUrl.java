package org.censorprobe.central;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A PostgreSQL URL as libpq writes it ({@code postgresql://host:5432/censorprobe?sslmode=verify-full}) turned into
 * pgjdbc's. Without an {@code sslmode} the connection is TLS with the server's certificate and name verified:
 * the fleet's traffic crosses the networks it measures.
 */
public record CentralUrl(String host, int port, String database, String query) {
  public static final int DEFAULT_PORT = 5432;
  public static final String EXPECTED = "postgresql://HOST[:PORT]/DATABASE, e.g. postgresql://central.example.org/censorprobe";

  public static CentralUrl parse(String text) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL (expected " + EXPECTED + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new IllegalArgumentException("'" + text + "' is not a postgresql:// URL (expected " + EXPECTED + ")");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no host (expected " + EXPECTED + ")");
    }
    String path = u.getPath() == null ? "" : u.getPath();
    String db = path.startsWith("/") ? path.substring(1) : path;
    if (db.isEmpty() || db.contains("/")) {
      throw new IllegalArgumentException("'" + text + "' names no database (expected " + EXPECTED + ")");
    }
    if (u.getUserInfo() != null) {
      throw new IllegalArgumentException("'" + text + "' carries credentials (expected them in --user and a password"
          + " file, never in a URL that ends up in logs)");
    }
    return new CentralUrl(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), db, u.getRawQuery());
  }

  /** pgjdbc's URL; {@code sslmode=verify-full} unless the URL says otherwise. */
  public String jdbc() {
    String q = query == null ? "" : query;
    if (!q.contains("sslmode=")) q = q.isEmpty() ? "sslmode=verify-full" : q + "&sslmode=verify-full";
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database + "?" + q;
  }

  @Override
  public String toString() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }
}
