package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.config.ProbeConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every verb that reads targets.yaml. */
public final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", defaultValue = "targets.yaml",
      description = "Targets and settings (default: ${DEFAULT-VALUE}).")
  Path file;

  /** Loads the config, or prints every problem as FILE:LINE: message and returns null. */
  ProbeConfig loadOrReport(PrintWriter err) {
    try {
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
      err.flush();
      return null;
    }
  }
}
