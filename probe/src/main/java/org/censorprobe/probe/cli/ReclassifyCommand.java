package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.censorprobe.format.text.TimeText;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.FingerprintException;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.rejudge.Change;
import org.censorprobe.probe.rejudge.RejudgeSummary;
import org.censorprobe.probe.rejudge.Rejudger;
import org.censorprobe.probe.rejudge.Scope;
import org.censorprobe.probe.rejudge.Transition;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reclassify", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"Judge stored measurements again with this probe's classifier and write what changed, keeping"
        + " each record's earlier judgement (and the classifier version that made it) in the record.",
        "Every round of the store is judged in order (the throttle history carries from round to round); only"
            + " rounds in --from..--to are written, one transaction per round. A running daemon may keep"
            + " writing meanwhile; a kill loses nothing, and running it again continues where it stopped."
            + " Re-judged records are delivered to the central store again (their revision goes up).",
        "Times: ISO-8601 (2026-11-20T06:00:00Z), a date (2026-11-20, UTC), now, or an age before now (24h, 7d).",
        "Exit codes: 0 done, 1 failed (no store, an unreadable one), 2 usage or configuration error."})
public final class ReclassifyCommand implements Callable<Integer> {

  @Option(names = "--store", paramLabel = "FILE",
      description = "SQLite store (default: store: in the config, else " + RunCommand.DEFAULT_STORE + ").")
  Path store;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The config whose classifier settings, fingerprint files and store: to use (default: "
          + ExportCommand.DEFAULT_CONFIG + " when it exists; without one, the built-in settings).")
  Path config;

  @Option(names = "--from", paramLabel = "TIME",
      description = "Rewrite rounds from this time, inclusive (default: the store's first round).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
      description = "Rewrite rounds before this time (default: ${DEFAULT-VALUE}).")
  String to;

  @Option(names = "--platform", paramLabel = "ID",
      description = "Rewrite only this platform's records, or 'control' or 'resolver' (default: all).")
  String platform;

  @Option(names = "--dry-run", description = "Print what would change; write nothing (default: write).")
  boolean dryRun;

  @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How often to print progress on stderr when it is not a terminal (default: ${DEFAULT-VALUE}).")
  Duration progressEvery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Scope scope;
    try {
      scope = new Scope(from == null ? Instant.EPOCH : TimeText.parse(from, now), TimeText.parse(to, now),
          platform);
    } catch (IllegalArgumentException e) {
      err.println("reclassify: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    ProbeConfig cfg = null;
    Fingerprints fingerprints;
    try {
      Path c = config != null ? config : Path.of(ExportCommand.DEFAULT_CONFIG);
      if (config != null || Files.exists(c)) cfg = ConfigLoader.load(c);
      fingerprints = Fingerprints.load(cfg == null ? ClassifierSettings.DEFAULTS : cfg.classifier());
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    } catch (FingerprintException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    }
    Path file = store != null ? store : Path.of(cfg != null ? cfg.store() : RunCommand.DEFAULT_STORE);
    if (!Files.isRegularFile(file)) {
      err.println("reclassify: " + file + ": no store here");
      err.flush();
      return Main.EXIT_FAILURE;
    }
    Classifier classifier = new Classifier(cfg == null ? ClassifierSettings.DEFAULTS : cfg.classifier(), fingerprints);
    RejudgeSummary summary;
    // Opening for writing migrates an older store forward first (one transaction), even on a dry run: a store
    // this probe cannot migrate is one it cannot judge either.
    try (MeasurementStore s = MeasurementStore.openForRejudging(file)) {
      ChangeList changes = new ChangeList(out);
      try (Progress progress = Progress.start(err, "reclassify", 0, "rounds judged", progressEvery)) {
        summary = new Rejudger(classifier, Clock.systemUTC()).run(s, scope, !dryRun, new Rejudger.Listener() {
          @Override
          public void changed(Change c) {
            changes.add(c);
          }

          @Override
          public void progress(int done, int total) {
            progress.total(total);
            progress.done(done);
          }
        });
      }
    } catch (StoreException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    printSummary(out, file, scope, summary);
    for (String u : summary.unreadableRounds()) err.println("reclassify: left as it was: " + u);
    out.flush();
    err.flush();
    return Main.EXIT_OK;
  }

  private void printSummary(PrintWriter out, Path file, Scope scope, RejudgeSummary s) {
    out.println();
    out.println("classifier " + Classifier.VERSION + " over " + file + ": " + s.roundsJudged() + " rounds judged, "
        + s.recordsInScope() + " records in scope" + (scope.platform() == null ? "" : " (" + scope.platform() + ")"));
    out.println("  verdict changed:   " + s.verdictsChanged());
    for (Map.Entry<Transition, Long> e : s.transitions().entrySet()) {
      out.printf("    %6d  %s%n", e.getValue(), e.getKey());
    }
    out.println("  same verdict, evidence restated: " + s.restated());
    out.println("  unchanged:         " + s.unchanged());
    out.println("  records added:     " + s.added() + (s.added() == 0 ? "" : " (resolver records the first"
        + " judgement did not make)"));
    if (!s.unreadableRounds().isEmpty()) out.println("  rounds unreadable: " + s.unreadableRounds().size());
    long pending = s.verdictsChanged() + s.restated() + s.added();
    if (dryRun) {
      out.println("dry run: nothing written (" + pending + " records would be)");
    } else {
      out.println("written: " + s.written() + " records, each keeping its earlier judgement in 'previous'");
    }
  }

  /** The changed verdicts, one line each as they are found: a long run shows its findings as it goes. */
  private static final class ChangeList {
    private final PrintWriter out;
    private boolean header;

    ChangeList(PrintWriter out) {
      this.out = out;
    }

    void add(Change c) {
      if (!c.verdictChanged()) return;
      if (!header) {
        out.println("changed verdicts (measured at, platform, endpoint: before -> after):");
        header = true;
      }
      out.println("  " + c.stored().measuredAt() + "  " + c.stored().platform() + "  " + c.stored().endpoint() + ": "
          + Transition.of(c.before(), c.after()));
      out.flush();
    }
  }
}
