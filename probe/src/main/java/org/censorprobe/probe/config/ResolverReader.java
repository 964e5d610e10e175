package org.censorprobe.probe.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Resolver URIs: {@code udp://IP[:PORT]}, {@code tcp://IP[:PORT]} (port 53 by default) and DoH
 * {@code https://HOST/PATH}. UDP/TCP resolvers must be IP literals: finding a resolver's own address through the
 * system resolver would let the network under test choose it.
 */
final class ResolverReader {
  static final String EXPECTED = "udp://IP[:PORT], tcp://IP[:PORT] or https://HOST/PATH (DoH)";
  private static final int DNS_PORT = 53;

  private ResolverReader() {}

  /** The resolver, or null (reported). The port of udp/tcp resolvers is made explicit. */
  static ResolverSpec read(YamlNode node, String where, ProblemList problems) {
    String text = ConfigSection.scalarText(node, where, "a resolver URI: " + EXPECTED, problems);
    if (text == null) return null;
    String problem = check(text.strip());
    if (problem != null) {
      problems.add(node.line(), where + " '" + text + "' " + problem);
      return null;
    }
    return parse(text.strip());
  }

  private static String check(String text) {
    if (text.equalsIgnoreCase("system")) {
      return "is always used and not listed (expected only extra resolvers: " + EXPECTED + ")";
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return "is not a valid URI: " + e.getReason() + " (expected " + EXPECTED + ")";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) return "has no valid host (expected " + EXPECTED + ")";
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return "has user info or a fragment (expected " + EXPECTED + ")";
    }
    switch (scheme) {
      case "udp", "tcp" -> {
        if (!IpLiterals.isLiteral(uri.getHost())) {
          return "names a host, not an IP address (expected " + scheme + "://IP[:PORT]: the resolver's own address"
              + " must not depend on DNS)";
        }
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
          return "has a path or query (expected " + scheme + "://IP[:PORT])";
        }
      }
      case "https" -> {
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
          return "has no path (expected the DoH endpoint's path, e.g. https://dns.google/dns-query)";
        }
      }
      default -> {
        return "has scheme '" + scheme + "' (expected " + EXPECTED + ")";
      }
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) return "has port " + uri.getPort() + " (expected 1-65535)";
    return null;
  }

  private static ResolverSpec parse(String text) {
    URI uri = URI.create(text);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) return new ResolverSpec(ResolverSpec.Transport.DOH, uri);
    int port = uri.getPort() == -1 ? DNS_PORT : uri.getPort();
    String host = uri.getHost();
    URI explicit = URI.create(scheme + "://" + host + ":" + port);
    return new ResolverSpec(scheme.equals("udp") ? ResolverSpec.Transport.UDP : ResolverSpec.Transport.TCP, explicit);
  }
}
