package org.censorprobe.probe.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate the configuration and print a summary; measures nothing.")
public final class CheckConfigCommand implements Callable<Integer> {
  @Option(names = "--config", defaultValue = "targets.yaml", description = "Config file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("TODO(config helper)");
  }
}
