package org.censorprobe.probe.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.HelperSpec;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.SourceLines;

/**
 * What the demo accepts as its config, at start and at every reload: a file that could make the probe reach
 * anything beyond loopback is refused like a file with a YAML error, and the running config goes on. Resolvers and
 * helpers must be loopback IP literals; endpoints loopback literals or names under {@link DemoWorld#ZONE}, which
 * only the demo's own resolvers answer (and only with loopback addresses); no upload.
 */
public final class LoopbackConfig {
  private LoopbackConfig() {}

  /** The config itself, or every reason it reaches beyond loopback, each on the line that says it, in file order. */
  public static ProbeConfig check(ConfigLoader.Checked checked) throws ConfigException {
    ProbeConfig c = checked.config();
    List<ConfigProblem> problems = problems(c, checked.lines());
    if (problems.isEmpty()) return c;
    problems.sort(Comparator.comparingInt(ConfigProblem::line)); // stable: one line's problems keep their order
    throw new ConfigException(problems);
  }

  private static List<ConfigProblem> problems(ProbeConfig c, SourceLines lines) {
    Problems out = new Problems(c.source() == null ? "config" : c.source().toString(), lines);
    for (ResolverSpec r : c.resolvers()) resolver("resolvers", r, out);
    if (c.control().resolver() != null) resolver("control.resolver", c.control().resolver(), out);
    for (HelperSpec h : c.control().helpers()) {
      if (!Loopback.isLiteral(h.url().getHost())) {
        out.add(h, "control.helpers: " + h.url() + " is not on a loopback address");
      }
    }
    for (ControlTarget t : c.control().targets()) endpoint("control.targets", t, t.endpoint(), out);
    for (Platform p : c.platforms()) {
      for (Endpoint e : p.endpoints()) endpoint("platforms." + p.id(), e, e, out);
    }
    for (Cidr n : c.notBogons()) {
      boolean inside = Loopback.is(n.network()) && n.prefixLength() >= (n.network().getAddress().length == 4 ? 8 : 128);
      if (!inside) out.add(n, "dns.not_bogons: " + n + " is not inside loopback");
    }
    if (c.upload() != null) out.add(c.upload(), "upload: the demo forwards nothing");
    return out.list;
  }

  /** The problems found so far, each at the line its value was read from. */
  private record Problems(String file, SourceLines lines, List<ConfigProblem> list) {
    Problems(String file, SourceLines lines) {
      this(file, lines, new ArrayList<>());
    }

    void add(Object value, String message) {
      list.add(new ConfigProblem(file, lines.of(value), message + " (the demo reaches nothing beyond loopback)"));
    }
  }

  private static void resolver(String key, ResolverSpec r, Problems out) {
    if (r.transport() == ResolverSpec.Transport.SYSTEM) return; // the demo's ISP resolver, given by the demo
    URI u = r.uri();
    if (!Loopback.isLiteral(u.getHost())) out.add(r, key + ": " + r.label() + " is not on a loopback address");
  }

  /** {@code written} is the value the config file held: the control target, or the platform's endpoint itself. */
  private static void endpoint(String key, Object written, Endpoint e, Problems out) {
    String host = e.host();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (Loopback.isLiteral(host)) return;
    boolean literal = IpAddress.isLiteral(host);
    if (!literal && host.toLowerCase(Locale.ROOT).endsWith(DemoWorld.ZONE)) return;
    out.add(written, key + ": " + e.spec() + (literal ? " is not a loopback address"
        : " is not under " + DemoWorld.ZONE + ", the demo's own zone"));
  }
}
