package org.censorprobe.format.interpret;

import java.util.Locale;

/**
 * What a resolver is to the probe. The platform's verdict is decided on the {@code SYSTEM} resolver's path (the one
 * its users take); {@code EXTRA} ({@code resolvers:}) and {@code CONTROL} resolvers are evidence for or against that
 * path, and subjects of their own.
 */
public enum ResolverRole {
  SYSTEM, EXTRA, CONTROL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ResolverRole fromLabel(String s) {
    for (ResolverRole r : values()) if (r.label().equals(s)) return r;
    throw new IllegalArgumentException("unknown resolver role '" + s + "'");
  }
}
