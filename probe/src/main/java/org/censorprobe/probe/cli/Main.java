package org.censorprobe.probe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar probe.jar VERB}: one subcommand per verb, wiring only. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "censorprobe: measures DNS, TCP, TLS and HTTP reachability and tells blocking from technical failure.",
    subcommands = {OnceCommand.class, RunCommand.class, ExportCommand.class, CheckConfigCommand.class,
        ControlServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for a configuration that does not validate. */
  public static final int EXIT_BAD_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
