package org.censorprobe.probe.measure.http;

import java.net.URI;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/** Which responses redirect and where to, resolved as a browser would. */
final class Redirects {
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  private Redirects() {}

  static boolean isRedirect(int statusCode) {
    return REDIRECT_CODES.contains(statusCode);
  }

  /** The absolute http(s) target of {@code location} against {@code current}, or null when it has none. */
  static URI target(URI current, String location) {
    if (location == null || location.isBlank()) return null;
    HttpUrl base = HttpUrl.parse(current.toString());
    if (base == null) return null;
    HttpUrl next = base.resolve(location.strip()); // null for other schemes and unparseable text
    return next == null ? null : next.uri();
  }

  /** The host okhttp will connect to, or null when {@code url} is not an http(s) URL. */
  static String host(URI url) {
    HttpUrl u = url == null ? null : HttpUrl.parse(url.toString());
    return u == null ? null : u.host();
  }

  /** Whether {@code next} is, by {@link #visitKey}, one of the URLs already {@code visited}. */
  static boolean revisits(List<URI> visited, URI next) {
    String key = visitKey(next);
    for (URI url : visited) {
      if (visitKey(url).equals(key)) return true;
    }
    return false;
  }

  /** A URL's identity for loop detection: canonical form without the fragment, which never reaches the server. */
  static String visitKey(URI url) {
    HttpUrl u = HttpUrl.parse(url.toString());
    return u == null ? url.toString() : u.newBuilder().fragment(null).build().toString();
  }
}
