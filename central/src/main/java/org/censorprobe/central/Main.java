package org.censorprobe.central;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code central}: the administrator's verbs for the fleet's PostgreSQL (docs/fleet.md). */
@Command(name = "central", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Administers the central PostgreSQL store of a censorprobe fleet (docs/fleet.md).",
    subcommands = {Main.Migrate.class, Main.AddProbe.class, Main.AddReader.class, Main.Maintain.class})
public final class Main {
  public static final int EXIT_BAD_USAGE = 2;
  public static final int EXIT_FAILED = 1;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"censorprobe central " + (v == null ? "dev" : v)};
    }
  }

  /** How the administrator connects: a URL, a role, and a password from a file or PGPASSWORD. */
  static final class Connect {
    @Option(names = "--db", required = true, paramLabel = "URL",
        description = "The central database, " + CentralUrl.EXPECTED + " (TLS verify-full unless ?sslmode= says"
            + " otherwise; ?sslrootcert=FILE names the CA).")
    String url;

    @Option(names = "--user", required = true, paramLabel = "ROLE",
        description = "The administrator: owns the schema, has CREATEROLE.")
    String user;

    @Option(names = "--admin-password-file", paramLabel = "FILE",
        description = "The administrator's password (default: the PGPASSWORD environment variable).")
    Path passwordFile;

    Connection open() throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", user);
      String password = Secrets.password(passwordFile, "PGPASSWORD");
      if (password != null) p.setProperty("password", password);
      p.setProperty("ApplicationName", "censorprobe central");
      return DriverManager.getConnection(CentralUrl.parse(url).jdbc(), p);
    }
  }

  abstract static class Verb implements Callable<Integer> {
    @Mixin Connect connect;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract int work(PrintWriter out) throws Exception;

    @Override
    public final Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        return work(spec.commandLine().getOut());
      } catch (IllegalArgumentException e) {
        err.println("central " + spec.name() + ": " + e.getMessage());
        return EXIT_BAD_USAGE;
      } catch (Exception e) {
        err.println("central " + spec.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return EXIT_FAILED;
      } finally {
        err.flush();
        spec.commandLine().getOut().flush();
      }
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Creates or moves the schema forward (Flyway; never back), and this month's partitions.")
  static final class Migrate extends Verb {
    @Override
    int work(PrintWriter out) {
      String password = Secrets.password(connect.passwordFile, "PGPASSWORD");
      String version = Migrations.migrate(CentralUrl.parse(connect.url).jdbc(), connect.user, password);
      out.println("schema censorprobe at version " + version);
      return 0;
    }
  }

  @Command(name = "add-probe", mixinStandardHelpOptions = true,
      description = {"Creates the login role a probe uploads with (or sets its password anew).",
          "The role inserts and updates only rows carrying its probe id, and reads nothing else."})
  static final class AddProbe extends Verb {
    @Parameters(index = "0", paramLabel = "PROBE_ID", description = "The probe's probe.id in targets.yaml.")
    String probe;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
        description = "The probe's password (the same file the probe's upload.password_file names).")
    Path password;

    @Option(names = "--role", paramLabel = "NAME", description = "Role name (default: probe_PROBE_ID).")
    String role;

    @Override
    int work(PrintWriter out) throws SQLException {
      String name = role != null ? role : Roles.defaultProbeRole(probe);
      String secret = Secrets.readPasswordFile(password);
      try (Connection c = connect.open()) {
        Roles.addProbe(c, probe, name, secret);
      }
      out.println("probe " + probe + " uploads as role " + name);
      return 0;
    }
  }

  @Command(name = "add-reader", mixinStandardHelpOptions = true,
      description = "Creates a login role that reads every probe's rows and writes nothing (the reporter's).")
  static final class AddReader extends Verb {
    @Parameters(index = "0", paramLabel = "ROLE") String role;

    @Option(names = "--password-file", required = true, paramLabel = "FILE") Path password;

    @Override
    int work(PrintWriter out) throws SQLException {
      String secret = Secrets.readPasswordFile(password);
      try (Connection c = connect.open()) {
        Roles.addReader(c, role, secret);
      }
      out.println("role " + role + " reads the fleet's measurements");
      return 0;
    }
  }

  @Command(name = "maintain", mixinStandardHelpOptions = true,
      description = {"Makes the coming months' partitions and applies retention; run it daily (a timer).",
          "Exit 1 when rows sit in the default partition (outside every month), after making the partitions."})
  static final class Maintain extends Verb {
    @Option(names = "--months-ahead", defaultValue = "3", paramLabel = "N",
        description = "Partitions made ahead of this month (default: ${DEFAULT-VALUE}).")
    int monthsAhead;

    @Option(names = "--retention", paramLabel = "PERIOD",
        description = "Drop months wholly older than this ISO-8601 period (e.g. P24M); default: keep everything.")
    String retention;

    Clock clock = Clock.systemUTC();

    @Override
    int work(PrintWriter out) throws SQLException {
      if (monthsAhead < 0 || monthsAhead > 120) throw new IllegalArgumentException("--months-ahead must be 0 to 120");
      Period keep = null;
      if (retention != null) {
        try {
          keep = Period.parse(retention);
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException("--retention '" + retention + "' is not an ISO-8601 period such as P24M");
        }
      }
      try (Connection c = connect.open()) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int made = Partitions.ensure(c, today, monthsAhead);
        out.println("partitions: " + made + " made, " + Partitions.list(c).size() + " in all");
        if (keep != null) {
          List<String> dropped = Partitions.dropBefore(c,
              today.minus(keep).atStartOfDay(ZoneOffset.UTC).toInstant());
          out.println("retention " + keep + ": dropped " + (dropped.isEmpty() ? "nothing" : String.join(", ", dropped)));
        }
        long stray = Partitions.defaultRows(c);
        if (stray > 0) {
          spec.commandLine().getErr().println("central maintain: " + stray + " measurements sit in the default"
              + " partition (measured_at outside every month made): a probe's clock is off, or maintenance fell"
              + " behind; they are kept and move into their month's partition when it is made");
          return EXIT_FAILED;
        }
      }
      return 0;
    }
  }
}
