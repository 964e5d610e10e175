package org.censorprobe.probe.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * Controls are witnesses: they only tell "the network works" from "this platform is blocked" when one outage or
 * one block cannot take them down together, or together with a platform. What a config can show about that, from
 * names alone (no lookups: check-config measures nothing), becomes a warning, never a refusal:
 *
 * <ul>
 *   <li>two control targets on one host, one registrable domain (the public suffix list okhttp bundles:
 *       {@code www.debian.org} and {@code network-test.debian.org} are both {@code debian.org}) or one well-known
 *       provider ({@link #PROVIDERS});</li>
 *   <li>a control target on a watched platform's registrable domain;</li>
 *   <li>the control resolver run by the provider of an extra resolver, of a control target, or of a watched
 *       platform.</li>
 * </ul>
 *
 * <p>Hosting is invisible here: a control behind a CDN or cloud that also carries a platform (Mozilla's
 * detectportal on Google Cloud) is not seen. docs/configuration.md says how to check it.
 */
final class ControlIndependence {
  /** A value and the line it was written on. */
  record Sited<T>(T value, String where, int line) {}

  /** One warning: its line and what is wrong. */
  record Warning(int line, String message) {}

  /**
   * Well-known public resolvers, by provider: the addresses and names each publishes for its resolvers, and the
   * registrable domains it serves its own sites from. Small on purpose: enough to see the usual choices (a
   * Cloudflare DoH control resolver beside 1.1.1.1), not a hosting database.
   */
  record Provider(String name, Set<String> addresses, Set<String> domains) {}

  static final List<Provider> PROVIDERS = List.of(
      new Provider("Cloudflare",
          Set.of("1.1.1.1", "1.0.0.1", "1.1.1.2", "1.0.0.2", "1.1.1.3", "1.0.0.3", "2606:4700:4700:0:0:0:0:1111",
              "2606:4700:4700:0:0:0:0:1001", "2606:4700:4700:0:0:0:0:1112", "2606:4700:4700:0:0:0:0:1002",
              "2606:4700:4700:0:0:0:0:1113", "2606:4700:4700:0:0:0:0:1003"),
          Set.of("cloudflare-dns.com", "cloudflare.com", "one.one.one.one")),
      new Provider("Google",
          Set.of("8.8.8.8", "8.8.4.4", "2001:4860:4860:0:0:0:0:8888", "2001:4860:4860:0:0:0:0:8844"),
          Set.of("dns.google", "google.com")),
      new Provider("Quad9",
          Set.of("9.9.9.9", "149.112.112.112", "9.9.9.10", "149.112.112.10", "9.9.9.11", "149.112.112.11",
              "2620:fe:0:0:0:0:0:fe", "2620:fe:0:0:0:0:0:9", "2620:fe:0:0:0:0:0:10", "2620:fe:0:0:0:0:fe:10",
              "2620:fe:0:0:0:0:0:11", "2620:fe:0:0:0:0:fe:11"),
          Set.of("quad9.net")),
      new Provider("Cisco OpenDNS",
          Set.of("208.67.222.222", "208.67.220.220", "208.67.222.123", "208.67.220.123", "2620:119:35:0:0:0:0:35",
              "2620:119:53:0:0:0:0:53"),
          Set.of("opendns.com")),
      new Provider("AdGuard DNS",
          Set.of("94.140.14.14", "94.140.15.15", "94.140.14.140", "94.140.14.141", "94.140.14.15", "94.140.15.16",
              "2a10:50c0:0:0:0:0:ad1:ff", "2a10:50c0:0:0:0:0:ad2:ff"),
          Set.of("adguard-dns.com", "adguard.com")));

  private ControlIndependence() {}

  static List<Warning> check(Sited<ResolverSpec> controlResolver, List<Sited<ResolverSpec>> resolvers,
                             List<Sited<ControlTarget>> targets, List<Platform> platforms) {
    List<Warning> out = new ArrayList<>();
    Map<String, String> watched = watchedDomains(platforms);

    // Targets against each other, each against the first that shares something with it, and against platforms.
    for (int i = 0; i < targets.size(); i++) {
      Sited<ControlTarget> t = targets.get(i);
      String host = t.value().endpoint().host();
      String what = t.where() + " '" + t.value().endpoint().spec() + "'";
      for (int j = 0; j < i; j++) {
        Sited<ControlTarget> earlier = targets.get(j);
        String shared = shared(host, earlier.value().endpoint().host());
        if (shared != null) {
          out.add(new Warning(t.line(), what + " " + shared + " as " + earlier.where() + " (line " + earlier.line()
              + "): one outage or block takes both down (expected each control on its own provider)"));
          break;
        }
      }
      String place = IpLiterals.isLiteral(host) ? host : registrableDomain(host);
      if (place != null && watched.containsKey(place)) {
        out.add(new Warning(t.line(), what + " is on " + place + ", where watched platform '" + watched.get(place)
            + "' is measured: it fails together with the platform and hides the blocking (expected a control no"
            + " watched platform runs)"));
      }
    }

    if (controlResolver == null) return out;
    Provider p = providerOf(resolverHost(controlResolver.value()));
    if (p == null) return out;
    String what = controlResolver.where() + " '" + controlResolver.value().label() + "' is run by " + p.name();
    for (Sited<ResolverSpec> r : resolvers) {
      if (p.equals(providerOf(resolverHost(r.value())))) {
        out.add(new Warning(controlResolver.line(), what + ", like " + r.where() + " '" + r.value().label()
            + "' (line " + r.line() + "): the trusted answers and the local ones would come from one provider"
            + " (expected a control resolver on another provider than the extra resolvers)"));
      }
    }
    for (Sited<ControlTarget> t : targets) {
      if (p.equals(providerOf(t.value().endpoint().host()))) {
        out.add(new Warning(controlResolver.line(), what + ", like " + t.where() + " '"
            + t.value().endpoint().spec() + "' (line " + t.line() + "): one provider behind two witnesses (expected"
            + " each control on its own provider)"));
      }
    }
    for (String domain : p.domains()) {
      if (watched.containsKey(domain)) {
        out.add(new Warning(controlResolver.line(), what + ", which also runs watched platform '"
            + watched.get(domain) + "' (" + domain + "): blocking the platform can take the control resolver down"
            + " (expected a control resolver no watched platform runs)"));
        break;
      }
    }
    return out;
  }

  /** How two control hosts depend on one party, or null when nothing visible ties them. */
  private static String shared(String a, String b) {
    if (a.equals(b)) return "is on the same host";
    String da = registrableDomain(a);
    if (da != null && da.equals(registrableDomain(b))) return "shares the domain " + da;
    Provider pa = providerOf(a);
    if (pa != null && pa.equals(providerOf(b))) return "is run by " + pa.name() + ", the same provider";
    return null;
  }

  /** Registrable domain (or address, for an IP-literal endpoint) -> the first platform id with an endpoint there. */
  private static Map<String, String> watchedDomains(List<Platform> platforms) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Platform p : platforms) {
      for (Endpoint e : p.endpoints()) {
        String d = IpLiterals.isLiteral(e.host()) ? e.host() : registrableDomain(e.host());
        if (d != null) out.putIfAbsent(d, p.id());
      }
    }
    return out;
  }

  /** The public-suffix-list registrable domain of a name ("www.debian.org" -> "debian.org"); null for an address. */
  static String registrableDomain(String host) {
    if (IpLiterals.isLiteral(host)) return null;
    HttpUrl url = HttpUrl.parse("https://" + host + "/");
    return url == null ? null : url.topPrivateDomain();
  }

  /**
   * The provider a resolver address, a resolver name or a control host belongs to, when the table knows it: an
   * address in its list, or a name at or under one of its domains.
   */
  static Provider providerOf(String host) {
    if (host == null) return null;
    java.net.InetAddress literal = IpLiterals.parse(host);
    String name = host.toLowerCase(Locale.ROOT);
    for (Provider p : PROVIDERS) {
      if (literal != null) {
        if (p.addresses().contains(literal.getHostAddress().toLowerCase(Locale.ROOT))) return p;
      } else {
        for (String d : p.domains()) if (name.equals(d) || name.endsWith("." + d)) return p;
      }
    }
    return null;
  }

  private static String resolverHost(ResolverSpec r) {
    String h = r.uri().getHost();
    if (h != null && h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h;
  }
}
