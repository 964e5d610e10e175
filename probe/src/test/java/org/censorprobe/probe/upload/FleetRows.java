package org.censorprobe.probe.upload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.TestMeasurements;

/** Rounds of a given probe, stored through the real store (no network). */
public final class FleetRows {
  private FleetRows() {}

  public static ProbeIdentity probe(String id) {
    return new ProbeIdentity(id, "KZ", "Network of " + id, 64500);
  }

  public static List<Measurement> round(ProbeIdentity probe, int endpoints, Instant at) {
    String roundId = UUID.randomUUID().toString();
    List<Measurement> out = new ArrayList<>();
    for (int i = 0; i < endpoints; i++) {
      String endpoint = "tcp://127.0.0.1:" + (1000 + i);
      Verdict v = i % 3 == 0 ? Verdict.OK : Verdict.INCONCLUSIVE;
      Interpretation c = new Interpretation(v, v == Verdict.OK ? null : Method.TCP_REFUSED, Confidence.LOW,
          "evidence " + i, List.of());
      Judgement j = new Judgement(c, new PlatformVerdict(c, List.of(endpoint)), null, Classifier.VERSION, at);
      out.add(new Measurement(UUID.randomUUID().toString(), roundId, at.plusMillis(i), probe, Role.PLATFORM,
          "p" + (i % 4), "P" + (i % 4), false, endpoint, null, null,
          TestMeasurements.observations(endpoint, at, v == Verdict.OK), j, List.of()));
    }
    return out;
  }

  /** Stores {@code rounds} rounds of {@code endpoints} measurements each; returns the ids in rowid order. */
  public static List<String> fill(MeasurementStore store, ProbeIdentity probe, int rounds, int endpoints, Instant start) {
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      List<Measurement> ms = round(probe, endpoints, start.plusSeconds(60L * r));
      store.storeRound(ms);
      for (Measurement m : ms) ids.add(m.id());
    }
    return ids;
  }
}
