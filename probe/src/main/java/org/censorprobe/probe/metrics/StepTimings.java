package org.censorprobe.probe.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.probe.round.StepOutcomes;

/**
 * Per-step success and duration of one endpoint's latest measurement, for {@code censorprobe_step_*}.
 * Duration of a step: its slowest observation (resolvers and addresses are asked concurrently, so the slowest
 * is the step's wall time); for http the whole redirect chain. A step that does not apply (no DNS for an IP
 * literal) is absent; one that applies but never ran (no TCP because DNS failed) has success 0 and no duration.
 */
public record StepTimings(Map<String, Boolean> success, Map<String, Double> seconds) {
  public static final List<String> STEPS = List.of("dns", "tcp", "tls", "http");

  public static StepTimings of(EndpointObservations o) {
    StepOutcomes s = StepOutcomes.of(o);
    Map<String, Boolean> ok = new LinkedHashMap<>();
    Map<String, Double> sec = new LinkedHashMap<>();
    put(ok, sec, "dns", s.dns(), o.dns(), d -> d.durationMs(), false);
    put(ok, sec, "tcp", s.tcp(), o.tcp(), t -> t.durationMs(), false);
    put(ok, sec, "tls", s.tls(), o.tls(), t -> t.durationMs(), false);
    put(ok, sec, "http", s.http(), o.http(), h -> h.durationMs(), true);
    return new StepTimings(Map.copyOf(ok), Map.copyOf(sec));
  }

  private static <T> void put(Map<String, Boolean> ok, Map<String, Double> sec, String step, Boolean outcome,
                              List<T> observations, ToDoubleFunction<T> ms, boolean sum) {
    if (outcome == null) return;
    ok.put(step, outcome);
    if (observations.isEmpty()) return;
    double total = 0;
    double max = 0;
    for (T t : observations) {
      double v = ms.applyAsDouble(t);
      total += v;
      max = Math.max(max, v);
    }
    sec.put(step, (sum ? total : max) / 1000.0);
  }
}
