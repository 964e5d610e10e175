package org.censorprobe.probe.config;

import org.censorprobe.format.endpoint.Endpoint;
import java.util.Locale;

/** Endpoint specs of platforms and controls, checked beyond {@link Endpoint#parse}'s own rules. */
final class EndpointReader {
  static final String EXPECTED = "an endpoint: https://HOST/PATH, http://HOST/PATH, tls://HOST:PORT or tcp://HOST:PORT";

  private EndpointReader() {}

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

  /** Two specs that measure the same thing, e.g. {@code https://a/} and {@code https://A:443/}, share this key. */
  static String identity(Endpoint e) {
    String path = e.uri().getRawPath() == null || e.uri().getRawPath().isEmpty() ? "/" : e.uri().getRawPath();
    String query = e.uri().getRawQuery() == null ? "" : "?" + e.uri().getRawQuery();
    String scheme = e.uri().getScheme().toLowerCase(Locale.ROOT);
    return e.kind() == Endpoint.Kind.URL
        ? scheme + "://" + e.host() + ":" + e.port() + path + query
        : scheme + "://" + e.host() + ":" + e.port();
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
        return "has a path or query (expected " + e.uri().getScheme() + "://HOST:PORT only)";
      }
    }
    if (e.port() == 0 && e.kind() != Endpoint.Kind.DNS) return "has port 0 (expected 1-65535)";
    return null;
  }
}
