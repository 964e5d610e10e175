package org.censorprobe.probe.cli;

import picocli.CommandLine.IVersionProvider;

public final class Version implements IVersionProvider {
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"censorprobe " + current()};
  }
}
