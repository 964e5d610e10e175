package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.censorprobe.probe.classify.FingerprintException;
import org.censorprobe.probe.classify.Fingerprints;
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

  /** A config and the fingerprints it names, both checked. */
  record Loaded(ProbeConfig config, Fingerprints fingerprints) {}

  /**
   * Loads the config and its fingerprint files, or prints every problem as FILE:LINE: message and returns null.
   * Fingerprints are user files too: a broken one is a configuration error, found before any measuring.
   */
  Loaded loadOrReport(PrintWriter err) {
    try {
      ProbeConfig config = ConfigLoader.load(file);
      return new Loaded(config, Fingerprints.load(config.classifier()));
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) err.println(p);
    } catch (FingerprintException e) {
      err.println(e.getMessage());
    }
    err.flush();
    return null;
  }
}
