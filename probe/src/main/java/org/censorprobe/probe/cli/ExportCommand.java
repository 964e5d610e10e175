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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.scrub.Scrubber;
import org.censorprobe.format.text.TimeText;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreException;
import org.censorprobe.probe.store.StoreReader;
import org.censorprobe.probe.store.StoredMeasurement;
import org.censorprobe.probe.ooni.OoniWriter;
import org.censorprobe.probe.privacy.OwnAddresses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = {"Write stored measurements as JSON lines (the format of `probe once --json`), oldest first;",
        "with --format ooni, one OONI measurement per line (docs/measurement-format.md, \"OONI export\").",
        "Times: ISO-8601 (2026-11-20T06:00:00Z), a date (2026-11-20, UTC), now, or an age before now (24h, 7d).",
        "Exit codes: 0 done, 1 failed (no store, an unreadable one; with --format ooni, a record this version",
        "cannot read, after writing every other), 2 usage or configuration error."})
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

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = JSONL,
      description = "jsonl: the records as stored; ooni: OONI's data format (default: ${DEFAULT-VALUE}).")
  String format;

  static final String JSONL = "jsonl";
  static final String OONI = "ooni";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant start;
    Instant end;
    try {
      start = TimeText.parse(from, now);
      end = TimeText.parse(to, now);
    } catch (IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    if (!format.equals(JSONL) && !format.equals(OONI)) {
      err.println("export: --format: '" + format + "' is not a format (expected jsonl or ooni)");
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
    int[] n = {0};
    List<String> unreadable = new ArrayList<>();
    try (StoreReader reader = MeasurementStore.openReader(storeFile); Writer w = writer()) {
      Function<StoredMeasurement, String> line = format.equals(OONI) ? ooni(reader, start, end, unreadable)
          : StoredMeasurement::record;
      reader.read(start, end, platform, m -> {
        String text = line.apply(m);
        if (text == null) return;
        try {
          w.write(text);
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
    for (String u : unreadable) err.println("export: " + u);
    err.flush();
    // Every readable record was written; the exit code tells a script that some were not.
    return unreadable.isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILURE;
  }

  /**
   * Each stored record as one OONI measurement; null (and a line in {@code unreadable}) for a record this version
   * cannot read. Records are scrubbed once more of this machine's addresses: a record stored before the probe
   * scrubbed its records may hold them (the public address, which no interface shows, only the probe knew).
   */
  private Function<StoredMeasurement, String> ooni(StoreReader reader, Instant start, Instant end,
                                                   List<String> unreadable) {
    Map<String, Instant> roundStarts = reader.roundStarts(start, end, platform);
    OoniWriter writer = new OoniWriter(OoniWriter.Software.ofThisJvm(Version.current()));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Scrubber scrubber = new Scrubber(OwnAddresses.ofThisMachine().current(), key);
    return m -> {
      Measurement record;
      try {
        record = scrubber.scrub(MeasurementCodec.read(m.record()));
      } catch (RecordFormatException e) {
        unreadable.add("measurement " + m.id() + " left out: " + e.getMessage());
        return null;
      }
      return writer.line(record, roundStarts.getOrDefault(m.roundId(), m.measuredAt()));
    };
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
