package org.censorprobe.probe.upload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.classify.Confidence;
import org.censorprobe.probe.classify.PlatformVerdict;
import org.censorprobe.probe.classify.Verdict;
import org.censorprobe.probe.config.ProbeIdentity;
import org.censorprobe.probe.json.Measurement;
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
      Classification c = new Classification(v, v == Verdict.OK ? null : "tcp.refused", Confidence.LOW,
          "evidence " + i, Map.of());
      out.add(new Measurement(UUID.randomUUID().toString(), roundId, at.plusMillis(i), probe,
          Measurement.ROLE_PLATFORM, "p" + (i % 4), "P" + (i % 4), false, c, new PlatformVerdict("p" + (i % 4), c,
          List.of(endpoint)), null, TestMeasurements.observations(endpoint, at, v == Verdict.OK)));
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
