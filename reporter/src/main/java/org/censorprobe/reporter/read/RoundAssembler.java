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

  /**
   * A round's rows by kind. Each step of a flush is a method of its own with its one loop: flush runs once per
   * round and its loops a hundred times each, and as one method the JIT compiled it again and again (on-stack at
   * each loop, and anew when the first failing round took a new branch), a second of compile time in a
   * million-row report.
   */
  private record Parts(long startedAt, int controlsTotal, int controlsOk, Map<String, List<MeasurementRow>> byPlatform,
                       List<MeasurementRow> resolvers) {}

  private void flush(List<MeasurementRow> rows) {
    MeasurementRow first = rows.get(0);
    ProbeIdentity probe = probeOf(first);
    Parts parts = parts(rows);
    List<Round> platforms = platformRounds(parts.byPlatform(), rows);
    List<Round> resolverRounds = resolverRounds(parts.resolvers());
    RoundContext controls = firstContext(platforms);
    if (controls == null) controls = firstContext(resolverRounds);
    if (controls == null && parts.controlsOk() < parts.controlsTotal()) controls = failingControlContext(rows);
    sink.accept(new ProbeRound(probe, first.roundId(), parts.startedAt(), platforms, resolverRounds,
        parts.controlsTotal(), parts.controlsOk(), controls));
  }

  private ProbeIdentity probeOf(MeasurementRow first) {
    ProbeIdentity probe = probes.get(first.probe());
    if (probe != null) return probe;
    Measurement m = first.record().get();
    if (m == null) return new ProbeIdentity(first.probe(), null, null, 0);
    probes.put(first.probe(), m.probe());
    return m.probe();
  }

  private static Parts parts(List<MeasurementRow> rows) {
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
    return new Parts(startedAt, controlsTotal, controlsOk, byPlatform, resolvers);
  }

  private List<Round> platformRounds(Map<String, List<MeasurementRow>> byPlatform, List<MeasurementRow> roundRows) {
    List<Round> platforms = new ArrayList<>(byPlatform.size());
    for (List<MeasurementRow> platformRows : byPlatform.values()) platforms.add(platformRound(platformRows, roundRows));
    return platforms;
  }

  private List<Round> resolverRounds(List<MeasurementRow> resolvers) {
    List<Round> rounds = new ArrayList<>();
    for (MeasurementRow r : resolvers) rounds.add(resolverRound(r));
    return rounds;
  }

  private static RoundContext firstContext(List<Round> rounds) {
    for (Round round : rounds) if (round.controls() != null) return round.controls();
    return null;
  }

  /**
   * Controls failed while every platform was ok: what the round made of its own network is in any record's
   * context; a report comparing networks must not guess it from counts.
   */
  private static RoundContext failingControlContext(List<MeasurementRow> rows) {
    for (MeasurementRow r : rows) {
      if (!r.isControl() || r.status() == Status.OK) continue;
      Rollup rollup = r.rollup().get();
      if (rollup != null && rollup.round() != null) return rollup.round();
    }
    return null;
  }

  /** What the round's controls gave, the first part of what a platform's roll-up was read for. */
  private static StringBuilder controlInputs(List<MeasurementRow> roundRows) {
    StringBuilder inputs = new StringBuilder();
    for (MeasurementRow r : roundRows) {
      if (r.isControl()) inputs.append(r.endpoint()).append('=').append(r.status()).append(r.method()).append(';');
    }
    return inputs;
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

  private Round platformRound(List<MeasurementRow> rows, List<MeasurementRow> roundRows) {
    MeasurementRow first = rows.get(0);
    String name = platformName(first);
    long at = Long.MAX_VALUE;
    boolean failing = false;
    List<EndpointResult> endpoints = new ArrayList<>(rows.size());
    for (MeasurementRow r : rows) {
      at = Math.min(at, r.measuredAtMs());
      if (r.status() != Status.OK) failing = true;
      endpoints.add(new EndpointResult(r.endpoint(), r.status(), r.method(), evidenceOf(r)));
    }
    if (!failing) {
      return new Round(first.probe(), first.platform(), name, first.roundId(), at, Status.OK, null, null, null, endpoints);
    }
    return failingRound(rows, roundRows, name, at, endpoints);
  }

  private String platformName(MeasurementRow first) {
    // per probe, then per platform: no key to build for each of a million platform rounds
    Map<String, String> names = platformNames.computeIfAbsent(first.probe(), p -> new HashMap<>());
    String name = names.get(first.platform());
    if (name != null) return name;
    Measurement m = first.record().get();
    String n = m == null ? null : m.platformName();
    if (n == null) return first.platform();
    name = BoundedText.of(n, 80);
    names.put(first.platform(), name);
    return name;
  }

  /** A platform's round with a failing endpoint: its roll-up says what the platform's verdict was. */
  private Round failingRound(List<MeasurementRow> rows, List<MeasurementRow> roundRows, String name, long at,
                             List<EndpointResult> endpoints) {
    MeasurementRow first = rows.get(0);
    MeasurementRow firstFailing = null;
    Status worst = Status.OK;
    for (MeasurementRow r : rows) {
      if (r.status() == Status.OK) continue;
      if (firstFailing == null) firstFailing = r;
      if (r.status().severity() > worst.severity()) worst = r.status();
    }
    String key = first.probe() + '\u0000' + first.platform();
    StringBuilder inputs = controlInputs(roundRows);
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
