package org.censorprobe.probe.cli;

import org.censorprobe.probe.version.ProbeVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of every verb. */
public final class Version implements IVersionProvider {
  public static String current() {
    return ProbeVersion.current();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"censorprobe " + current()};
  }
}
