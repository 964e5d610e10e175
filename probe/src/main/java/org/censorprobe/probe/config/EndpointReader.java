package org.censorprobe.probe.config;

import java.util.List;
import java.util.Locale;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.endpoint.Endpoint.HttpMethod;

/** Endpoint specs of platforms and controls, checked beyond {@link Endpoint#parse}'s own rules. */
final class EndpointReader {
  static final String EXPECTED = "an endpoint: https://HOST/PATH, http://HOST/PATH, tls://HOST:PORT, tcp://HOST:PORT"
      + " or dns://HOST";
  /** A platform's endpoint may also be a mapping, to give a URL another HTTP method. */
  static final List<String> KEYS = List.of("url", "method");
  static final String METHODS = "GET or POST";

  private EndpointReader() {}

  /**
   * A platform's endpoint: a string, or {@code {url: URL, method: GET|POST}}. The endpoint, or null (reported:
   * one problem per mistake).
   */
  static Endpoint readItem(YamlNode node, String where, ProblemList problems) {
    if (!(node instanceof YamlNode.Mapping)) return read(node, where, problems);
    ConfigSection s = ConfigSection.of(node, where, problems, KEYS);
    s.requirePresent("url", EXPECTED.substring("an endpoint: ".length()));
    YamlNode url = s.node("url");
    Endpoint e = url == null ? null : read(url, s.pathOf("url"), problems);
    String method = s.string("method", METHODS);
    if (method == null) return e;
    int line = s.node("method").line();
    HttpMethod m = methodOf(method);
    if (m == null) {
      problems.add(line, s.pathOf("method") + " '" + method + "' is not " + METHODS + " (expected " + METHODS
          + ", in capitals: HTTP methods are case-sensitive)");
      return null;
    }
    if (e == null) return null;
    if (e.kind() != Endpoint.Kind.URL) {
      problems.add(line, s.pathOf("method") + " " + m + " is for http:// and https:// URLs only ('" + e.spec()
          + "' sends no HTTP request; expected no method here)");
      return null;
    }
    return e.withMethod(m);
  }

  private static HttpMethod methodOf(String text) {
    for (HttpMethod m : HttpMethod.values()) if (m.name().equals(text.strip())) return m;
    return null;
  }

  /** The endpoint, or null (reported). */
  static Endpoint read(YamlNode node, String where, ProblemList problems) {
    String text = ConfigSection.scalarText(node, where, EXPECTED, problems);
    if (text == null) return null;
    Endpoint endpoint;
    try {
      endpoint = Endpoint.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(node.line(), where + " '" + text + "' " + explain(text, e.getMessage()));
      return null;
    }
    String extra = extraProblem(endpoint);
    if (extra != null) {
      problems.add(node.line(), where + " '" + text + "' " + extra);
      return null;
    }
    return endpoint;
  }

  /**
   * Two specs that measure the same thing, e.g. {@code https://a/} and {@code https://A:443/}, share this key; a
   * POST and a GET of one URL do not.
   */
  static String identity(Endpoint e) {
    String scheme = e.uri().getScheme().toLowerCase(Locale.ROOT);
    return switch (e.kind()) {
      case URL -> {
        String path = e.uri().getRawPath() == null || e.uri().getRawPath().isEmpty() ? "/" : e.uri().getRawPath();
        String query = e.uri().getRawQuery() == null ? "" : "?" + e.uri().getRawQuery();
        yield e.method() + " " + scheme + "://" + e.host() + ":" + e.port() + path + query;
      }
      case DNS -> scheme + "://" + e.host();
      case TLS, TCP -> scheme + "://" + e.host() + ":" + e.port();
    };
  }

  private static String explain(String text, String parseMessage) {
    // java.net.URI leaves the host null for an authority it cannot read (bad port, underscore): say so plainly.
    if (parseMessage.startsWith("missing host") && text.contains("://") && text.indexOf("://") + 3 < text.length()) {
      return "has no valid HOST[:PORT] (expected a DNS name or IP address and a port from 1 to 65535)";
    }
    return "is invalid: " + parseMessage;
  }

  private static String extraProblem(Endpoint e) {
    if (e.uri().getRawUserInfo() != null) return "has user info (expected no user@ part)";
    if (e.uri().getRawFragment() != null) return "has a #fragment (expected none: it is never sent)";
    if (e.kind() != Endpoint.Kind.URL) {
      boolean hasPath = e.uri().getRawPath() != null && !e.uri().getRawPath().isEmpty();
      if (hasPath || e.uri().getRawQuery() != null) {
        return "has a path or query (expected " + e.uri().getScheme()
            + (e.kind() == Endpoint.Kind.DNS ? "://HOST" : "://HOST:PORT") + " only)";
      }
    }
    if (e.kind() != Endpoint.Kind.DNS && e.port() == 0) return "has port 0 (expected 1-65535)";
    return null;
  }
}
