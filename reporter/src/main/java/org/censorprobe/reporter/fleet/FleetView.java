package org.censorprobe.reporter.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.read.Status;

/**
 * The report's comparison of networks, when its input holds more than one probe: a platform x network matrix
 * over time, and the events that span networks (which network blocked what, when, with what controls, and which
 * networks measured the same platform ok at the same time).
 *
 * <p>{@code columns} are the bounds of the matrix's equal time columns ({@code columns.size() - 1} of them).
 */
public record FleetView(List<ProbeIdentity> networks, List<Instant> columns, List<MatrixRow> matrix,
                        List<FleetEvent> events) {
  public FleetView {
    networks = List.copyOf(networks);
    columns = List.copyOf(columns);
    matrix = List.copyOf(matrix);
    events = List.copyOf(events);
  }

  /** One platform across the networks. */
  public record MatrixRow(String platform, String platformName, List<MatrixCell> cells) {
    public MatrixRow {
      cells = List.copyOf(cells);
    }
  }

  /**
   * One platform on one network: the state of each time column (the most severe in it), and the rounds of the
   * whole period by status. {@code measured} is false when the probe never measured the platform.
   */
  public record MatrixCell(ProbeIdentity network, boolean measured, List<FleetState> columns,
                           Map<Status, Integer> rounds) {
    public MatrixCell {
      columns = List.copyOf(columns);
      rounds = Map.copyOf(rounds);
    }
  }
}
