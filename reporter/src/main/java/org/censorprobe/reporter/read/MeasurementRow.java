package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * The columns of one measurement the incident rules need, and ways to more when they need it: {@code record}
 * the full record, {@code rollup} an object holding at least its {@code platform_verdict} and {@code round}.
 * Both are read lazily for store rows (a look-up by row id), at once for JSON-lines rows.
 */
public record MeasurementRow(String source, long measuredAtMs, String roundId, String probe, String role,
                             String platform, String endpoint, Status status, String method,
                             Supplier<JsonNode> record, Supplier<JsonNode> rollup) {
  public static final String ROLE_CONTROL = "control";

  public boolean isControl() {
    return ROLE_CONTROL.equals(role);
  }
}
