package org.censorprobe.reporter.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.censorprobe.format.text.DurationText;
import org.censorprobe.format.text.TimeText;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.censorprobe.reporter.read.CentralSource;
import org.censorprobe.reporter.read.InputException;
import org.censorprobe.reporter.read.InputProblems;
import org.censorprobe.reporter.read.MeasurementSources;
import org.censorprobe.reporter.read.RowFilter;
import org.censorprobe.reporter.render.Colophon;
import org.censorprobe.reporter.render.HtmlRenderer;
import org.censorprobe.reporter.render.JsonRenderer;
import org.censorprobe.reporter.render.MarkdownRenderer;
import org.censorprobe.reporter.render.ReportRenderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar reporter.jar}: incidents and events from the probe's store or JSON-lines files. Exit codes as
 * the probe's: 0 done, 1 failed (unreadable or empty input, an unwritable output), 2 usage error.
 */
@Command(name = "reporter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false,
    description = "Turns censorprobe measurements (probes' stores, the fleet's central PostgreSQL, JSON lines) into a"
        + " report of incidents and events, and of the fleet when there are several probes (html, md or json).",
    footer = {"", "Times: ISO-8601 (2026-11-20T06:00:00Z), a date (2026-11-20, UTC), now, or a time ago (24h, 7d);",
        "durations as in docs/durations.md (30m, 2h, 1d).",
        "Exit codes: 0 done, 1 failed (no readable input, an unwritable output), 2 usage error."})
public final class Main implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_INPUT = 1;
  static final int EXIT_USAGE = 2;

  enum Format { html, md, json }

  /** The version in the jar's manifest (Implementation-Version), "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      String v = Main.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
      return new String[] {"censorprobe reporter " + current()};
    }
  }

  @Option(names = "--store", paramLabel = "FILE|URL",
      description = {"A probe's SQLite store, e.g. data/censorprobe.db, or the fleet's central PostgreSQL,"
          + " postgresql://[USER@]HOST[:PORT]/DATABASE[?sslrootcert=CA.pem] (TLS, certificate verified;"
          + " docs/fleet.md). Repeatable: stores of several probes are merged (default: none; give --store and/or"
          + " --input)."})
  List<String> stores = new ArrayList<>();

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "The central store's password, first line of FILE (default: PGPASSWORD, else the libpq"
          + " password file: passfile= in the URL, PGPASSFILE or ~/.pgpass). Never on the command line.")
  Path passwordFile;

  @Option(names = "--input", paramLabel = "FILE.jsonl",
      description = "JSON-lines measurements of once --json or export (repeatable; default: none).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--from", paramLabel = "TIME",
      description = "Start (default: the first round in the input).")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "End, exclusive (default: now when --from is given, else the last round in the input).")
  String to;

  @Option(names = "--platform", paramLabel = "ID", description = "Only these platforms (repeatable; default: all).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--probe", paramLabel = "ID", description = "Only these probes (repeatable; default: all).")
  List<String> probes = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
      description = "html, md or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write here (default: report.html for html, standard output for md and json).")
  Path out;

  @Option(names = "--open-after", defaultValue = "" + DetectionSettings.DEFAULT_OPEN_AFTER, paramLabel = "K",
      description = "Failing rounds in a row that open an incident (default: ${DEFAULT-VALUE}).")
  int openAfter;

  @Option(names = "--close-after", defaultValue = "" + DetectionSettings.DEFAULT_CLOSE_AFTER, paramLabel = "M",
      description = "Ok rounds in a row that close it (default: ${DEFAULT-VALUE}).")
  int closeAfter;

  @Option(names = "--gap", paramLabel = "DURATION",
      description = "Silence that counts as no data, e.g. 30m, 2h (default: 3x the median interval between rounds).")
  String gap;

  @Option(names = "--strict",
      description = "A malformed line or record is fatal (default: skipped, counted and named on stderr).")
  boolean strict;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final Clock clock;
  private final PrintWriter stdout;
  private final PrintWriter stderr;
  private final Map<String, String> environment;

  Main(Clock clock, PrintWriter stdout, PrintWriter stderr) {
    this(clock, stdout, stderr, System.getenv());
  }

  Main(Clock clock, PrintWriter stdout, PrintWriter stderr, Map<String, String> environment) {
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, Clock.systemUTC(), outWriter, errWriter, System.getenv()));
  }

  /** Runs the command; the exit code: 0 done, 1 bad input, 2 bad usage. */
  static int run(String[] args, Clock clock, PrintWriter stdout, PrintWriter stderr) {
    return run(args, clock, stdout, stderr, System.getenv());
  }

  /** As above, with the environment the central store's credentials may come from (PGPASSWORD, PGPASSFILE...). */
  static int run(String[] args, Clock clock, PrintWriter stdout, PrintWriter stderr, Map<String, String> environment) {
    CommandLine cli = new CommandLine(new Main(clock, stdout, stderr, environment));
    cli.setOut(stdout);
    cli.setErr(stderr);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    int code = cli.execute(args);
    stdout.flush();
    stderr.flush();
    return code;
  }

  @Override
  public Integer call() throws IOException {
    if (stores.isEmpty() && inputs.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --store FILE and/or --input FILE.jsonl");
    }
    MeasurementSources sources = sources();
    Instant fromAt;
    Instant toAt;
    DetectionSettings settings;
    try {
      fromAt = from == null ? null : TimeText.parse(from, clock.instant());
      // "--from 24h" means the last 24 hours: up to now, so a probe that stopped reporting shows as no data
      toAt = to != null ? TimeText.parse(to, clock.instant()) : fromAt != null ? clock.instant() : null;
      Duration gapDuration = gap == null ? null : DurationText.parseOrThrow(gap);
      settings = new DetectionSettings(openAfter, closeAfter, gapDuration);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from must be before --to");
    }
    InputProblems problems = new InputProblems(strict);
    Report report;
    try {
      report = ReportBuilder.build(sources,
          new RowFilter(fromAt, toAt, new LinkedHashSet<>(platforms), new LinkedHashSet<>(probes)), settings, problems);
    } catch (InputException e) {
      stderr.println("reporter: " + e.getMessage());
      return EXIT_INPUT;
    }
    for (String p : problems.messages()) stderr.println("reporter: " + p);
    if (problems.count() > problems.messages().size()) {
      long more = problems.count() - problems.messages().size();
      stderr.println("reporter: ... and " + Plural.count(more, "more problem"));
    }
    if (problems.count() > 0) {
      stderr.println("reporter: " + Plural.count(problems.count(), "malformed line/record", "malformed lines/records")
          + " skipped");
    }
    boolean filtered = from != null || to != null || !platforms.isEmpty() || !probes.isEmpty();
    if (report.input().measurements() == 0 && (problems.count() > 0 || !filtered)) {
      // Nothing to report on: an empty report would read as "no incidents", which nobody measured.
      stderr.println("reporter: no measurement could be read from the input"
          + (problems.count() > 0 ? " (every line or record was malformed)" : " (it is empty)")
          + "; no report written");
      return EXIT_INPUT;
    }
    Colophon colophon = new Colophon(Version.current(), clock.instant());
    ReportRenderer renderer = switch (format) {
      case html -> new HtmlRenderer(colophon);
      case md -> new MarkdownRenderer(colophon);
      case json -> new JsonRenderer(colophon);
    };
    Path target = out != null ? out : format == Format.html ? Path.of("report.html") : null;
    if (target == null) {
      renderer.render(report, stdout);
      stdout.flush();
    } else {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8))) {
        renderer.render(report, w);
      } catch (IOException e) {
        stderr.println("reporter: " + target + ": cannot write: " + e.getMessage());
        return EXIT_INPUT;
      }
      stderr.println("reporter: wrote " + target + " (" + Plural.count(report.incidents().size(), "incident")
          + ", " + Plural.count(report.events().size(), "event") + ")");
    }
    return EXIT_OK;
  }

  /** The stores named by --store: SQLite files, and at most one central PostgreSQL. */
  private MeasurementSources sources() {
    List<Path> files = new ArrayList<>();
    CentralSource central = null;
    for (String s : stores) {
      if (!CentralSource.isUrl(s)) {
        files.add(Path.of(s));
        continue;
      }
      if (central != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "one central store at a time (--store URL)");
      }
      try {
        central = CentralSource.parse(s, passwordFile, environment);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--store: " + e.getMessage());
      }
    }
    if (passwordFile != null && central == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--password-file is for a central store (--store postgresql://...)");
    }
    return new MeasurementSources(files, central, inputs);
  }
}
