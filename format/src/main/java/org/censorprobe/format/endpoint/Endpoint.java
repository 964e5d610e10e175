package org.censorprobe.format.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.censorprobe.format.net.IpAddress;

/**
 * One thing to reach, as written in targets.yaml and in a record's {@code endpoint} field. The kind decides which
 * steps run: {@code URL} (http/https): DNS, TCP, TLS for https, HTTP; {@code TLS}: DNS, TCP, TLS; {@code TCP}: DNS,
 * TCP; {@code DNS}: DNS only. An IP-literal host skips DNS. A URL is fetched with GET unless its spec starts with
 * {@code POST } (OONI's telegram test posts to the data centres), so the spec alone says what was measured.
 */
public record Endpoint(String spec, Kind kind, URI uri, String host, int port, HttpMethod method) {
  public enum Kind { URL, TLS, TCP, DNS }

  public enum HttpMethod { GET, POST }

  private static final String POST_PREFIX = "POST ";

  public boolean isHttps() {
    return kind == Kind.URL && "https".equalsIgnoreCase(uri.getScheme());
  }

  public boolean needsTls() {
    return kind == Kind.TLS || isHttps();
  }

  /** Whether a connection is made at all (every kind but DNS). */
  public boolean dials() {
    return kind != Kind.DNS;
  }

  public boolean isIpLiteral() {
    return IpAddress.isLiteral(host);
  }

  /** The server name a client sends: the host, or none for an IP literal. */
  public String serverName() {
    return isIpLiteral() ? null : host;
  }

  /** The same URL fetched with another method: its spec says so. */
  public Endpoint withMethod(HttpMethod m) {
    if (kind != Kind.URL) throw new IllegalArgumentException("only URLs have a method");
    String url = uri.toString();
    return new Endpoint(m == HttpMethod.POST ? POST_PREFIX + url : url, kind, uri, host, port, m);
  }

  /** Parses an endpoint spec; throws IllegalArgumentException with a message fit for a config error. */
  public static Endpoint parse(String spec) {
    String s = spec.trim();
    HttpMethod method = HttpMethod.GET;
    if (s.startsWith(POST_PREFIX)) {
      method = HttpMethod.POST;
      s = s.substring(POST_PREFIX.length()).trim();
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Kind kind = switch (scheme) {
      case "http", "https" -> Kind.URL;
      case "tls" -> Kind.TLS;
      case "tcp" -> Kind.TCP;
      case "dns" -> Kind.DNS;
      default -> throw new IllegalArgumentException(
          "unsupported scheme '" + scheme + "' (expected http, https, tls, tcp or dns)");
    };
    if (method == HttpMethod.POST && kind != Kind.URL) {
      throw new IllegalArgumentException("POST is only for http:// and https:// URLs");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("missing host (expected e.g. " + scheme + "://example.org"
          + (kind == Kind.URL ? "/" : kind == Kind.DNS ? "" : ":443") + ")");
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port = uri.getPort();
    if (port == -1) {
      port = switch (scheme) {
        case "http" -> 80;
        case "https" -> 443;
        case "dns" -> 0;
        default -> throw new IllegalArgumentException("missing port (expected " + scheme + "://HOST:PORT)");
      };
    } else if (kind == Kind.DNS) {
      // Only a name is looked up: a port would suggest something is dialled.
      throw new IllegalArgumentException("has a port (expected dns://HOST: nothing is dialled)");
    }
    if (kind != Kind.DNS && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port " + port + " out of range (1-65535)");
    }
    host = host.toLowerCase(Locale.ROOT);
    // One spelling per address, so that a config's "[2001:DB8::0:1]" and a record's "[2001:db8::1]" are one thing.
    var literal = IpAddress.tryParse(host);
    if (literal.isPresent() && kind == Kind.DNS) {
      throw new IllegalArgumentException("names an IP address (expected dns://NAME: an address has nothing to resolve)");
    }
    if (literal.isPresent()) host = literal.get().toString();
    String normalised = method == HttpMethod.POST ? POST_PREFIX + s : s;
    return new Endpoint(normalised, kind, uri, host, port, method);
  }
}
