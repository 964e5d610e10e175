package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.probe.privacy.OwnAddresses;
import org.censorprobe.probe.privacy.RecordScrubbing;
import org.censorprobe.probe.round.ProbeEngine;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.round.ClassifyingInterpreter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "once", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"Measure every endpoint (and every control) once and print the results.",
        "Exit codes: 0 the round completed (whatever its verdicts), 1 failed, 2 usage or configuration error."})
public final class OnceCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--platform", paramLabel = "ID",
      description = "Measure only this platform (repeatable; default: every platform).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--json",
      description = "One JSON object per endpoint per line, docs/measurement-format.md (default: a table).")
  boolean json;

  @Option(names = "--resolv-conf", paramLabel = "FILE", defaultValue = "/etc/resolv.conf",
      description = "Where the system resolver's nameservers are listed (default: ${DEFAULT-VALUE}).")
  Path resolvConf;

  @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "When stderr is not a terminal, a progress line this often (default: ${DEFAULT-VALUE}).")
  Duration progressEvery;

  @Option(names = "--retry-pause", paramLabel = "DURATION", defaultValue = "500ms", hidden = true,
      converter = DurationConverter.class, description = "Pause before a failed step's retry.")
  Duration retryPause;

  @Option(names = "--own-address", paramLabel = "IP", hidden = true,
      description = "Also treat this address as the probe's own: scrubbed from every record (repeatable; tests).")
  List<String> ownAddresses = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigOption.Loaded loaded = config.loadOrReport(err);
    if (loaded == null) return Main.EXIT_BAD_CONFIG;
    ProbeConfig cfg = loaded.config();
    List<Platform> chosen = choose(cfg, err);
    if (chosen == null) return Main.EXIT_BAD_CONFIG;

    List<IpAddress> own = new ArrayList<>();
    for (String a : ownAddresses) {
      var ip = IpAddress.tryParse(a);
      if (ip.isEmpty()) {
        err.println("once: --own-address: not an IP address: " + a);
        err.flush();
        return Main.EXIT_USAGE;
      }
      own.add(ip.get());
    }

    Clock clock = Clock.systemUTC();
    try (ProbeEngine engine = new ProbeEngine(cfg, resolvConf, retryPause, clock)) {
      RoundRunner runner = new RoundRunner(engine, new ClassifyingInterpreter(
          new Classifier(cfg.classifier(), loaded.fingerprints()), clock),
          new RecordScrubbing(OwnAddresses.ofThisMachine().with(own)));
      RoundRunner.RoundReport report;
      try (Progress progress = Progress.start(err, runner.size(chosen), progressEvery)) {
        report = runner.run(chosen, progress::done);
      }
      if (json) {
        for (var m : report.measurements()) out.println(MeasurementCodec.toJson(m));
      } else {
        ResultTable.print(out, report.measurements());
      }
      out.flush();
    }
    return Main.EXIT_OK;
  }

  private List<Platform> choose(ProbeConfig cfg, PrintWriter err) {
    if (platforms.isEmpty()) return cfg.platforms();
    Set<String> wanted = new LinkedHashSet<>(platforms);
    List<Platform> chosen = cfg.platforms().stream().filter(p -> wanted.contains(p.id())).toList();
    for (String id : wanted) {
      if (chosen.stream().noneMatch(p -> p.id().equals(id))) {
        err.println(config.file + ": no platform '" + id + "' (known: "
            + String.join(", ", cfg.platforms().stream().map(Platform::id).toList()) + ")");
        err.flush();
        return null;
      }
    }
    return chosen;
  }
}
