package org.censorprobe.probe.config;

import java.net.URI;

/**
 * One thing to reach, as written in targets.yaml. The kind decides which steps run:
 * {@code URL} (http/https): DNS, TCP, TLS for https, HTTP; {@code TLS}: DNS, TCP, TLS; {@code TCP}: DNS, TCP;
 * {@code DNS}: DNS only, nothing is dialled. An IP-literal host skips DNS.
 *
 * <p>{@code method} is the HTTP method of a URL endpoint (GET unless written {@code {url: ..., method: POST}});
 * the other kinds send no HTTP request and carry GET. A POST is another endpoint than a GET of the same URL, and
 * its {@code spec} says so: {@code POST http://149.154.175.50:443/}. The spec is the endpoint's identity in every
 * record, metric and report.
 */
public record Endpoint(String spec, Kind kind, URI uri, String host, int port, Method method) {
  public enum Kind { URL, TLS, TCP, DNS }

  /** The HTTP methods an endpoint may send: POST for services that answer only it (Telegram's data centres). */
  public enum Method { GET, POST }

  public boolean isHttps() {
    return kind == Kind.URL && "https".equalsIgnoreCase(uri.getScheme());
  }

  public boolean needsTls() {
    return kind == Kind.TLS || isHttps();
  }

  /** False for a DNS-only endpoint: its addresses are looked up, never connected to. */
  public boolean dials() {
    return kind != Kind.DNS;
  }

  public boolean isIpLiteral() {
    return IpLiterals.isLiteral(host);
  }

  /** This URL sent with {@code m}; only URL endpoints send HTTP. */
  public Endpoint withMethod(Method m) {
    if (m == method) return this;
    if (kind != Kind.URL) throw new IllegalArgumentException(uri.getScheme() + ":// endpoints send no HTTP request");
    String url = method == Method.GET ? spec : spec.substring(method.name().length() + 1);
    return new Endpoint(m == Method.GET ? url : m.name() + " " + url, kind, uri, host, port, m);
  }

  /** Parses an endpoint spec (a GET for URLs); throws IllegalArgumentException with a message fit for a config error. */
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
      case "dns" -> Kind.DNS;
      default -> throw new IllegalArgumentException(
          "unsupported scheme '" + scheme + "' (expected http, https, tls, tcp or dns)");
    };
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("missing host (expected e.g. " + scheme + "://example.org"
          + (kind == Kind.URL ? "/" : kind == Kind.DNS ? "" : ":443") + ")");
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port = uri.getPort();
    if (kind == Kind.DNS) {
      // Only a name is looked up: a port would suggest something is dialled, and an address has nothing to resolve.
      if (port != -1) throw new IllegalArgumentException("has a port (expected dns://HOST: nothing is dialled)");
      if (IpLiterals.isLiteral(host)) {
        throw new IllegalArgumentException("names an IP address (expected dns://NAME: an address has nothing to"
            + " resolve)");
      }
      return new Endpoint(spec.trim(), kind, uri, host.toLowerCase(java.util.Locale.ROOT), 0, Method.GET);
    }
    if (port == -1) {
      port = switch (scheme) {
        case "http" -> 80;
        case "https" -> 443;
        default -> throw new IllegalArgumentException("missing port (expected " + scheme + "://HOST:PORT)");
      };
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range (1-65535)");
    return new Endpoint(spec.trim(), kind, uri, host.toLowerCase(java.util.Locale.ROOT), port, Method.GET);
  }
}
