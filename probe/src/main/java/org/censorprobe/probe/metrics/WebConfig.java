package org.censorprobe.probe.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * {@code --web-config FILE}: the web configuration file of Prometheus exporter-toolkit (the one blackbox_exporter
 * and node_exporter read with {@code --web.config.file}), so one file serves both. Read by {@link WebConfigReader};
 * which keys are honoured and how is in docs/operations.md.
 *
 * @param tls null for plain HTTP
 * @param headers extra response headers ({@code http_server_config.headers})
 * @param rateLimit null when requests are not limited
 */
public record WebConfig(TlsSettings tls, Map<String, PasswordHash> users, Map<String, String> headers,
                        RateLimitSpec rateLimit) {
  public static final WebConfig NONE = new WebConfig(null, Map.of(), Map.of(), null);

  /** {@code rate_limit}: a token every {@code interval}, at most {@code burst} at once. */
  public record RateLimitSpec(Duration interval, int burst) {}

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
  }

  public boolean tlsEnabled() {
    return tls != null;
  }

  public boolean basicAuth() {
    return !users.isEmpty();
  }

  /** Reads and checks the file: every problem as FILE:LINE: message in the exception. */
  public static WebConfig load(java.nio.file.Path file) throws org.censorprobe.probe.config.ConfigException {
    return WebConfigReader.read(file);
  }
}
