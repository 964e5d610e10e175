package org.censorprobe.reporter.read;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.censorprobe.format.record.Role;

/** A role column's label to its Role, by a map: readers look it up for every row of a million-row report. */
final class Roles {
  private static final Map<String, Role> BY_LABEL =
      Arrays.stream(Role.values()).collect(Collectors.toUnmodifiableMap(Role::label, r -> r));

  private Roles() {}

  /** Throws IllegalArgumentException for an unknown label, as Role.fromLabel does. */
  static Role of(String label) {
    Role r = label == null ? null : BY_LABEL.get(label);
    if (r == null) throw new IllegalArgumentException("unknown role '" + label + "'");
    return r;
  }
}
