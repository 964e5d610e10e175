package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.probe.config.ResolverSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate the configuration and print a summary; measures nothing.")
public final class CheckConfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ConfigOption.Loaded loaded = config.loadOrReport(err);
    if (loaded == null) return Main.EXIT_BAD_CONFIG;
    // Warnings concern only this verb; the loader's second reading of a few KiB is cheaper than threading
    // them through every verb's loading.
    List<ConfigProblem> warnings;
    try {
      warnings = ConfigLoader.check(loaded.config().source()).warnings();
    } catch (ConfigException e) { // the file changed between the two readings
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    }
    for (ConfigProblem w : warnings) err.println(w.file() + ":" + w.line() + ": warning: " + w.message());
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    printSummary(loaded.config(), out);
    out.println("fingerprints: " + loaded.fingerprints().all().size());
    if (!warnings.isEmpty()) {
      out.println("warnings: " + warnings.size() + " (on standard error; the config is valid and was not refused)");
    }
    out.flush();
    return 0;
  }

  static void printSummary(ProbeConfig c, PrintWriter out) {
    ProbeIdentity id = c.probe();
    out.println("config OK: " + c.source());
    out.println("probe: " + id.id() + " (country " + orUnknown(id.country()) + ", network " + orUnknown(id.network())
        + ", " + (id.asn() == 0 ? "ASN unknown" : "AS" + id.asn()) + ")");
    int endpoints = c.platforms().stream().mapToInt(p -> p.endpoints().size()).sum();
    out.println("platforms: " + c.platforms().size() + " ("
        + c.platforms().stream().map(Platform::id).collect(Collectors.joining(", ")) + ")");
    Map<Endpoint.Kind, Integer> byKind = new EnumMap<>(Endpoint.Kind.class);
    long literals = 0;
    for (Platform p : c.platforms()) {
      for (Endpoint e : p.endpoints()) {
        byKind.merge(e.kind(), 1, Integer::sum);
        if (e.isIpLiteral()) literals++;
      }
    }
    out.println("endpoints: " + endpoints + " (" + byKind.entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
        .collect(Collectors.joining(", ")) + "; " + literals + " by IP address, no DNS)");
    long domestic = c.control().targets().stream().filter(ControlTarget::domestic).count();
    out.println("controls: " + c.control().targets().size() + " (domestic " + domestic + ", international "
        + (c.control().targets().size() - domestic) + ")");
    out.println("resolvers: " + c.localResolvers().stream().map(ResolverSpec::label).collect(Collectors.joining(", ")));
    out.println("control resolver: " + (c.control().resolver() == null ? "none" : c.control().resolver().label()));
    out.println("control sni: " + (c.control().sni() == null ? "none (no SNI-swap test)" : c.control().sni()));
    out.println("helpers: " + c.control().helpers().size());
    if (c.control().targets().isEmpty()) {
      out.println("warning: no control targets: failures cannot be told apart from a local outage");
    } else if (domestic == 0) {
      out.println("warning: no domestic control: an international outage cannot be told apart from blocking");
    }
    out.println("measured nothing: check-config only reads the file");
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }
}
