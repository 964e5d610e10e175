package org.censorprobe.reporter.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.record.ProbeIdentity;
import org.junit.jupiter.api.Test;

/** The split keeps the order it was given: the JSON report shows it, and must be the same from run to run. */
class IncidentSplitOrderTest {
  private static Incident withSplit(Map<String, Integer> split) {
    Instant t = Instant.parse("2026-11-20T06:00:00Z");
    return new Incident("I1", Incident.KIND_PLATFORM, new ProbeIdentity("p", "KZ", "Net", 1), "x", "X", t, null, t,
        Incident.BLOCKED, split, 3, 0, 0, List.of(), List.of(), Method.TLS_RESET, EventKey.of(Method.TLS_RESET),
        Confidence.HIGH, new ControlsDuring(0, Map.of(), 0, 0, 0, 0), List.of(), 0, List.of());
  }

  @Test
  void everyOrderIsKept() {
    List<String> keys = List.of(Incident.BLOCKED, Incident.TECHNICAL, Incident.INCONCLUSIVE);
    for (List<String> order : permutations(keys)) {
      Map<String, Integer> split = new LinkedHashMap<>();
      for (String k : order) split.put(k, 1);
      assertEquals(order, new ArrayList<>(withSplit(split).split().keySet()));
    }
  }

  private static List<List<String>> permutations(List<String> items) {
    if (items.isEmpty()) return List.of(List.of());
    List<List<String>> all = new ArrayList<>();
    for (String first : items) {
      List<String> rest = new ArrayList<>(items);
      rest.remove(first);
      for (List<String> tail : permutations(rest)) {
        List<String> p = new ArrayList<>();
        p.add(first);
        p.addAll(tail);
        all.add(p);
      }
    }
    return all;
  }
}
