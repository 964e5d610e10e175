package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;

/**
 * One round's records as the classifier reads them: the platforms' endpoints and the controls, judged or not
 * (a record measured a second ago and one read back from a year-old store are the same input). Resolver records
 * are the classifier's output, so they are left out.
 */
public record RoundRecords(String roundId, List<Measurement> platforms, List<Measurement> controls) {
  public RoundRecords {
    platforms = List.copyOf(platforms);
    controls = List.copyOf(controls);
  }

  public static RoundRecords of(String roundId, List<Measurement> records) {
    List<Measurement> p = new ArrayList<>(), c = new ArrayList<>();
    for (Measurement m : records) {
      if (m.role() == Role.PLATFORM) p.add(m);
      else if (m.role() == Role.CONTROL) c.add(m);
    }
    return new RoundRecords(roundId, p, c);
  }

  public List<Measurement> all() {
    List<Measurement> out = new ArrayList<>(platforms);
    out.addAll(controls);
    return out;
  }
}
