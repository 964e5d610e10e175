package org.censorprobe.format.record;

import java.util.Locale;

/** What a record is about: a watched platform's endpoint, a control target, or a resolver. */
public enum Role {
  PLATFORM, CONTROL, RESOLVER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromLabel(String s) {
    for (Role r : values()) if (r.label().equals(s)) return r;
    throw new IllegalArgumentException("unknown role '" + s + "'");
  }
}
