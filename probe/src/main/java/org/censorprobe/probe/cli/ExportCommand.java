package org.censorprobe.probe.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreException;
import org.censorprobe.probe.store.StoreReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"Write stored measurements as JSON lines (the format of `probe once --json`), oldest first.",
        "Times: ISO-8601 (2026-11-20T06:00:00Z), a date (2026-11-20, UTC), now, or an age before now (24h, 7d).",
        "Exit codes: 0 done, 1 failed (no store, an unreadable one), 2 usage or configuration error."})
public final class ExportCommand implements Callable<Integer> {
  static final String DEFAULT_CONFIG = "targets.yaml";

  @Option(names = "--from", paramLabel = "TIME", defaultValue = "24h",
      description = "Start, inclusive (default: ${DEFAULT-VALUE} ago).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now", description = "End, exclusive (default: now).")
  String to;

  @Option(names = "--platform", paramLabel = "ID", description = "Only this platform, or 'control' (default: all).")
  String platform;

  @Option(names = "--store", paramLabel = "FILE",
      description = "SQLite store (default: store: in the config, else " + RunCommand.DEFAULT_STORE + ").")
  Path store;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The config whose store: to read when --store is not given (default: " + DEFAULT_CONFIG
          + " when it exists).")
  Path config;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant start;
    Instant end;
    try {
      start = TimeArgument.parse(from, now);
      end = TimeArgument.parse(to, now);
    } catch (IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    Path storeFile;
    try {
      storeFile = storeFile();
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    }
    try (StoreReader reader = MeasurementStore.openReader(storeFile); Writer w = writer()) {
      int[] n = {0};
      reader.read(start, end, platform, m -> {
        try {
          w.write(m.record());
          w.write('\n');
          n[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      w.flush();
      if (out != null) err.println("exported " + n[0] + " measurements of " + storeFile + " to " + out);
    } catch (StoreException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_FAILURE;
    }
    err.flush();
    return Main.EXIT_OK;
  }

  /** --store; else the config's store: (the config named, or targets.yaml when there is one); else the default. */
  private Path storeFile() throws ConfigException {
    if (store != null) return store;
    Path c = config != null ? config : Path.of(DEFAULT_CONFIG);
    if (config == null && !Files.exists(c)) return Path.of(RunCommand.DEFAULT_STORE);
    return Path.of(ConfigLoader.load(c).store());
  }

  private Writer writer() throws IOException {
    if (out != null) return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    // Not closing System.out through this writer would lose the buffer; closing it is fine for a CLI verb.
    return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
