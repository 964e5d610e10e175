package org.censorprobe.probe.config;

import java.nio.file.Path;

/** Turns targets.yaml into a {@link ProbeConfig}, or into every problem it has, with line numbers. No I/O but reading files. */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static ProbeConfig load(Path file) throws ConfigException {
    throw new UnsupportedOperationException("TODO(config helper)");
  }
}
