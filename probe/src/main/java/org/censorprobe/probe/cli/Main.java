package org.censorprobe.probe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar probe.jar VERB}: one subcommand per verb, wiring only. Exit codes, the same for every verb and
 * for the reporter: 0 done, 1 failed (a store that cannot be opened, a round that could not run), 2 usage or
 * configuration error (a wrong flag, a config file with problems).
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "censorprobe: measures DNS, TCP, TLS and HTTP reachability and tells blocking from technical failure.",
    footer = {"", "Exit codes: 0 done, 1 failed, 2 usage or configuration error."},
    subcommands = {DemoCommand.class, OnceCommand.class, RunCommand.class, ExportCommand.class,
        ReclassifyCommand.class, CheckConfigCommand.class, ControlServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  /** The work failed: a store that cannot be opened or read, a listener that cannot bind. */
  public static final int EXIT_FAILURE = 1;
  /** A wrong command line or a configuration that does not validate. */
  public static final int EXIT_USAGE = 2;
  /** Exit code for a configuration that does not validate: the same as for a wrong command line. */
  public static final int EXIT_BAD_CONFIG = EXIT_USAGE;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    // Every verb answers --version with the tool's version, whether or not its annotation names the provider.
    for (CommandLine sub : cli.getSubcommands().values()) sub.getCommandSpec().versionProvider(new Version());
    return cli;
  }

  /** No verb: the usage, on stderr, and a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return EXIT_USAGE;
  }
}
