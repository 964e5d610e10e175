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
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreException;
import org.censorprobe.probe.store.StoreReader;
import org.censorprobe.probe.store.TimeBound;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write stored measurements as JSON lines (the format of `probe once --json`), oldest first.",
        "Times: ISO-8601 (2026-11-20T06:00:00Z), a date (2026-11-20, UTC) or an age before now (24h, 7d)."})
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--from", paramLabel = "TIME", defaultValue = "24h",
      description = "Start, inclusive (default: ${DEFAULT-VALUE} ago).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now", description = "End, exclusive (default: now).")
  String to;

  @Option(names = "--platform", paramLabel = "ID", description = "Only this platform (or 'control').")
  String platform;

  @Option(names = "--store", paramLabel = "FILE", defaultValue = RunCommand.DEFAULT_STORE,
      description = "SQLite store (default: ${DEFAULT-VALUE}).")
  Path store;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant start;
    Instant end;
    try {
      start = TimeBound.parse(from, now);
      end = TimeBound.parse(to, now);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.EXIT_BAD_CONFIG;
    }
    try (StoreReader reader = MeasurementStore.openReader(store); Writer w = writer()) {
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
      if (out != null) err.println("exported " + n[0] + " measurements to " + out);
    } catch (StoreException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    err.flush();
    return 0;
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
