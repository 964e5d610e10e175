package org.censorprobe.probe.config;

import java.net.URI;

/**
 * One thing to reach, as written in targets.yaml. The kind decides which steps run:
 * {@code URL} (http/https): DNS, TCP, TLS for https, HTTP; {@code TLS}: DNS, TCP, TLS; {@code TCP}: DNS, TCP.
 * An IP-literal host skips DNS.
 */
public record Endpoint(String spec, Kind kind, URI uri, String host, int port) {
  public enum Kind { URL, TLS, TCP }

  public boolean isHttps() {
    return kind == Kind.URL && "https".equalsIgnoreCase(uri.getScheme());
  }

  public boolean needsTls() {
    return kind == Kind.TLS || isHttps();
  }

  public boolean isIpLiteral() {
    return IpLiterals.isLiteral(host);
  }

  /** Parses an endpoint spec; throws IllegalArgumentException with a message fit for a config error. */
  public static Endpoint parse(String spec) {
    URI uri;
    try {
      uri = new URI(spec.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    Kind kind = switch (scheme) {
      case "http", "https" -> Kind.URL;
      case "tls" -> Kind.TLS;
      case "tcp" -> Kind.TCP;
      default -> throw new IllegalArgumentException(
          "unsupported scheme '" + scheme + "' (expected http, https, tls or tcp)");
    };
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("missing host (expected e.g. " + scheme + "://example.org"
          + (kind == Kind.URL ? "/" : ":443") + ")");
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port = uri.getPort();
    if (port == -1) {
      port = switch (scheme) {
        case "http" -> 80;
        case "https" -> 443;
        default -> throw new IllegalArgumentException("missing port (expected " + scheme + "://HOST:PORT)");
      };
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range (1-65535)");
    return new Endpoint(spec.trim(), kind, uri, host.toLowerCase(java.util.Locale.ROOT), port);
  }
}
