package org.censorprobe.probe.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.HelperSpec;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ResolverSpec;

/**
 * What the demo accepts as its config, at start and at every reload: a file that could make the probe reach
 * anything beyond loopback is refused like a file with a YAML error, and the running config goes on. Resolvers and
 * helpers must be loopback IP literals; endpoints loopback literals or names under {@link DemoWorld#ZONE}, which
 * only the demo's own resolvers answer (and only with loopback addresses); no upload.
 */
public final class LoopbackConfig {
  private LoopbackConfig() {}

  /** The config itself, or every reason it reaches beyond loopback. */
  public static ProbeConfig check(ProbeConfig c) throws ConfigException {
    List<String> problems = problems(c);
    if (problems.isEmpty()) return c;
    String file = c.source() == null ? "config" : c.source().toString();
    List<ConfigProblem> out = new ArrayList<>();
    for (String p : problems) out.add(new ConfigProblem(file, 0, p + " (the demo reaches nothing beyond loopback)"));
    throw new ConfigException(out);
  }

  static List<String> problems(ProbeConfig c) {
    List<String> out = new ArrayList<>();
    for (ResolverSpec r : c.resolvers()) resolver("resolvers", r, out);
    if (c.control().resolver() != null) resolver("control.resolver", c.control().resolver(), out);
    for (HelperSpec h : c.control().helpers()) {
      if (!Loopback.isLiteral(h.url().getHost())) {
        out.add("control.helpers: " + h.url() + " is not on a loopback address");
      }
    }
    for (ControlTarget t : c.control().targets()) endpoint("control.targets", t.endpoint(), out);
    for (Platform p : c.platforms()) {
      for (Endpoint e : p.endpoints()) endpoint("platforms." + p.id(), e, out);
    }
    for (Cidr n : c.notBogons()) {
      boolean inside = Loopback.is(n.network()) && n.prefixLength() >= (n.network().getAddress().length == 4 ? 8 : 128);
      if (!inside) out.add("dns.not_bogons: " + n + " is not inside loopback");
    }
    if (c.upload() != null) out.add("upload: the demo forwards nothing");
    return out;
  }

  private static void resolver(String key, ResolverSpec r, List<String> out) {
    if (r.transport() == ResolverSpec.Transport.SYSTEM) return; // the demo's ISP resolver, given by the demo
    URI u = r.uri();
    if (!Loopback.isLiteral(u.getHost())) out.add(key + ": " + r.label() + " is not on a loopback address");
  }

  private static void endpoint(String key, Endpoint e, List<String> out) {
    String host = e.host();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (Loopback.isLiteral(host)) return;
    boolean literal = org.censorprobe.format.net.IpAddress.isLiteral(host);
    if (!literal && host.toLowerCase(Locale.ROOT).endsWith(DemoWorld.ZONE)) return;
    out.add(key + ": " + e.spec() + (literal ? " is not a loopback address"
        : " is not under " + DemoWorld.ZONE + ", the demo's own zone"));
  }
}
