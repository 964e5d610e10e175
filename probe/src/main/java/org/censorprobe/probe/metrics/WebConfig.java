package org.censorprobe.probe.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --web-config FILE}, shaped like Prometheus exporter-toolkit's web config:
 * <pre>
 * tls_server_config:
 *   cert_file: server.crt   # PEM, leaf first
 *   key_file: server.key    # PEM, PKCS#8 (BEGIN PRIVATE KEY)
 * basic_auth_users:
 *   prometheus: $pbkdf2-sha256$210000$...$...
 * </pre>
 * Relative paths are relative to the web config's directory. Both sections are optional.
 */
public record WebConfig(Path certFile, Path keyFile, Map<String, PasswordHash> users) {
  public static final WebConfig NONE = new WebConfig(null, null, Map.of());

  public WebConfig {
    users = Map.copyOf(users);
  }

  public boolean tls() {
    return certFile != null;
  }

  public boolean basicAuth() {
    return !users.isEmpty();
  }

  /** Reads and checks the file; IllegalArgumentException naming the file and the problem otherwise. */
  public static WebConfig load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) return NONE;
    if (!root.isObject()) throw new IllegalArgumentException(file + ": expected a mapping");
    Path dir = file.toAbsolutePath().getParent();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("tls_server_config") && !k.equals("basic_auth_users")) {
        throw new IllegalArgumentException(file + ": unknown key '" + k
            + "' (expected tls_server_config, basic_auth_users)");
      }
    }
    Path cert = null;
    Path key = null;
    JsonNode tls = root.get("tls_server_config");
    if (tls != null && !tls.isNull()) {
      cert = path(file, dir, tls, "cert_file");
      key = path(file, dir, tls, "key_file");
    }
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    JsonNode auth = root.get("basic_auth_users");
    if (auth != null && !auth.isNull()) {
      if (!auth.isObject()) throw new IllegalArgumentException(file + ": basic_auth_users: expected user: hash");
      for (var e : auth.properties()) {
        try {
          users.put(e.getKey(), PasswordHash.parse(e.getValue().asText()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(file + ": basic_auth_users." + e.getKey() + ": " + ex.getMessage());
        }
      }
    }
    return new WebConfig(cert, key, users);
  }

  private static Path path(Path file, Path dir, JsonNode section, String field) {
    JsonNode v = section.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(file + ": tls_server_config." + field + " is required");
    }
    Path p = dir.resolve(v.asText());
    if (!Files.isReadable(p)) throw new IllegalArgumentException(file + ": tls_server_config." + field + ": cannot read " + p);
    return p;
  }
}
