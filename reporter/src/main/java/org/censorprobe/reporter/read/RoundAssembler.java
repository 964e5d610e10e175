package org.censorprobe.reporter.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;

/**
 * Gathers rows, in time order, into rounds: a probe's round is complete when a row of that probe with another
 * round_id arrives (a probe runs one round at a time). Only the first failing record of a platform's round is
 * read, for the roll-up and round context all its lines carry; and not even that when the platform's previous
 * round had the same endpoint verdicts and methods and the controls the same verdicts: the roll-up of the same
 * inputs is the same, and a long blocking then costs one look-up, not one a round.
 *
 * <p>Each resolver of a round becomes a round of its own subject ({@code resolver <label>}), so that a resolver the
 * network blocks is reported as such, apart from the platforms.
 */
public final class RoundAssembler implements Consumer<MeasurementRow> {
  public static final String RESOLVER_PREFIX = "resolver ";

  private final Consumer<ProbeRound> sink;
  private final Map<String, List<MeasurementRow>> openRounds = new LinkedHashMap<>();
  private final Map<String, ProbeIdentity> probes = new HashMap<>();
  private final Map<String, Map<String, String>> platformNames = new HashMap<>();
  private final Map<String, Cached> lastRollups = new HashMap<>();

  /** The roll-up read for a platform's failing round, and what it was read for. */
  private record Cached(String inputs, Rollup rollup) {}

  public RoundAssembler(Consumer<ProbeRound> sink) {
    this.sink = sink;
  }

  @Override
  public void accept(MeasurementRow row) {
    List<MeasurementRow> open = openRounds.get(row.probe());
    if (open != null && !open.get(0).roundId().equals(row.roundId())) {
      flush(open);
      open = null;
    }
    if (open == null) {
      open = new ArrayList<>();
      openRounds.put(row.probe(), open);
    }
    open.add(row);
  }

  /** Completes every round still open; call once after the last row. */
  public void finish() {
    for (List<MeasurementRow> open : openRounds.values()) flush(open);
    openRounds.clear();
  }

  public Map<String, ProbeIdentity> probes() {
    return Map.copyOf(probes);
  }

  private void flush(List<MeasurementRow> rows) {
    MeasurementRow first = rows.get(0);
    ProbeIdentity probe = probes.get(first.probe());
    if (probe == null) {
      Measurement m = first.record().get();
      if (m != null) probes.put(first.probe(), probe = m.probe());
      else probe = new ProbeIdentity(first.probe(), null, null, 0);
    }
    long startedAt = Long.MAX_VALUE;
    int controlsTotal = 0;
    int controlsOk = 0;
    Map<String, List<MeasurementRow>> byPlatform = new LinkedHashMap<>();
    List<MeasurementRow> resolvers = new ArrayList<>();
    for (MeasurementRow r : rows) {
      startedAt = Math.min(startedAt, r.measuredAtMs());
      if (r.isControl()) {
        controlsTotal++;
        if (r.status() == Status.OK) controlsOk++;
      } else if (r.isResolver()) {
        resolvers.add(r);
      } else {
        byPlatform.computeIfAbsent(r.platform(), k -> new ArrayList<>()).add(r);
      }
    }
    StringBuilder controlInputs = new StringBuilder();
    for (MeasurementRow r : rows) {
      if (r.isControl()) controlInputs.append(r.endpoint()).append('=').append(r.status()).append(r.method()).append(';');
    }
    List<Round> platforms = new ArrayList<>(byPlatform.size());
    RoundContext controls = null;
    for (List<MeasurementRow> platformRows : byPlatform.values()) {
      Round round = platformRound(platformRows, controlInputs);
      if (controls == null) controls = round.controls();
      platforms.add(round);
    }
    List<Round> resolverRounds = new ArrayList<>();
    for (MeasurementRow r : resolvers) {
      Round round = resolverRound(r);
      if (controls == null) controls = round.controls();
      resolverRounds.add(round);
    }
    if (controls == null && controlsOk < controlsTotal) {
      // Controls failed while every platform was ok: what the round made of its own network is in any record's
      // context; a report comparing networks must not guess it from counts.
      for (MeasurementRow r : rows) {
        if (!r.isControl() || r.status() == Status.OK) continue;
        Rollup rollup = r.rollup().get();
        if (rollup != null && rollup.round() != null) {
          controls = rollup.round();
          break;
        }
      }
    }
    sink.accept(new ProbeRound(probe, first.roundId(), startedAt, platforms, resolverRounds, controlsTotal, controlsOk,
        controls));
  }

  private Round resolverRound(MeasurementRow r) {
    String id = RESOLVER_PREFIX + r.endpoint();
    List<EndpointResult> one = List.of(new EndpointResult(r.endpoint(), r.status(), r.method(), evidenceOf(r)));
    String name = resolverName(r.endpoint());
    if (r.status() == Status.OK) return new Round(r.probe(), id, name, r.roundId(),
        r.measuredAtMs(), Status.OK, null, null, null, one);
    Measurement m = r.record().get();
    Confidence confidence = m == null ? null : m.judgement().interpretation().confidence();
    RoundContext round = m == null ? null : m.judgement().round();
    return new Round(r.probe(), id, name, r.roundId(), r.measuredAtMs(), r.status(), r.method(),
        confidence, round, one);
  }

  /** An ok endpoint is never quoted as evidence (incidents quote failing ones): nothing to hold for it. */
  private static final java.util.function.Supplier<EvidenceSample> NO_EVIDENCE = () -> null;

  /** "System resolver" for the probe's own, "Resolver udp://..." for the others: a name for a timeline row. */
  static String resolverName(String label) {
    return "system".equals(label) ? "System resolver" : "Resolver " + label;
  }

  private static java.util.function.Supplier<EvidenceSample> evidenceOf(MeasurementRow r) {
    if (r.status() == Status.OK) return NO_EVIDENCE;
    return OnceSupplier.of(() -> {
      Measurement m = r.record().get();
      return m == null || m.judgement() == null ? null : EvidenceReader.read(m);
    });
  }

  private Round platformRound(List<MeasurementRow> rows, CharSequence controlInputs) {
    MeasurementRow first = rows.get(0);
    // per probe, then per platform: no key to build for each of a million platform rounds
    Map<String, String> names = platformNames.computeIfAbsent(first.probe(), p -> new HashMap<>());
    String name = names.get(first.platform());
    if (name == null) {
      Measurement m = first.record().get();
      String n = m == null ? null : m.platformName();
      if (n != null) names.put(first.platform(), name = BoundedText.of(n, 80));
      else name = first.platform();
    }
    long at = Long.MAX_VALUE;
    MeasurementRow firstFailing = null;
    Status worst = Status.OK;
    List<EndpointResult> endpoints = new ArrayList<>(rows.size());
    for (MeasurementRow r : rows) {
      at = Math.min(at, r.measuredAtMs());
      if (r.status() != Status.OK) {
        if (firstFailing == null) firstFailing = r;
        if (r.status().severity() > worst.severity()) worst = r.status();
      }
      endpoints.add(new EndpointResult(r.endpoint(), r.status(), r.method(), evidenceOf(r)));
    }
    if (firstFailing == null) {
      return new Round(first.probe(), first.platform(), name, first.roundId(), at, Status.OK, null, null, null, endpoints);
    }
    String key = first.probe() + '\u0000' + first.platform();
    StringBuilder inputs = new StringBuilder(controlInputs);
    for (MeasurementRow r : rows) inputs.append(r.endpoint()).append('=').append(r.status()).append(r.method()).append(';');
    String inputKey = inputs.toString();
    Cached last = lastRollups.get(key);
    Rollup rollup;
    if (last != null && last.inputs().equals(inputKey)) {
      rollup = last.rollup();
    } else {
      rollup = firstFailing.rollup().get();
      if (rollup == null) rollup = Rollup.NONE;
      lastRollups.put(key, new Cached(inputKey, rollup));
    }
    PlatformVerdict verdict = rollup.platform();
    Status status;
    Method method;
    Confidence confidence;
    if (verdict == null) { // a record without a roll-up: the worst endpoint stands for the platform
      status = worst;
      method = firstFailing.method();
      Measurement m = firstFailing.record().get();
      confidence = m == null ? null : m.judgement().interpretation().confidence();
    } else {
      Interpretation i = verdict.interpretation();
      status = Status.of(i.verdict());
      method = i.method();
      confidence = i.confidence();
    }
    return new Round(first.probe(), first.platform(), name, first.roundId(), at, status, method, confidence,
        rollup.round(), endpoints);
  }
}
