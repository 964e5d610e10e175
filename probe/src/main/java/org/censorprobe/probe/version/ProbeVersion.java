package org.censorprobe.probe.version;

/**
 * The probe's version, from the jar's manifest ({@code dev} when run from classes). Its own package so that every
 * part that reports it (the command line, the remote vantage's answers, exports) depends on it and not on another.
 */
public final class ProbeVersion {
  private ProbeVersion() {}

  public static String current() {
    String v = ProbeVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
