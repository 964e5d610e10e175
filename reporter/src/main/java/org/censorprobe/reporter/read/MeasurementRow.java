package org.censorprobe.reporter.read;

import java.util.function.Supplier;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;

/**
 * The columns of one measurement the incident rules need, and ways to more when they need it: {@code record} the
 * whole record as the format module reads it, {@code rollup} just its platform roll-up and round context. Both are
 * read lazily for store rows (a look-up by row id), at once for JSON-lines rows. {@code record} may give null when
 * the record cannot be read (the problem is reported where it was found).
 */
public record MeasurementRow(String source, long measuredAtMs, String roundId, String probe, Role role,
                             String platform, String endpoint, Status status, Method method,
                             Supplier<Measurement> record, Supplier<Rollup> rollup) {
  public boolean isControl() {
    return role == Role.CONTROL;
  }

  public boolean isResolver() {
    return role == Role.RESOLVER;
  }
}
