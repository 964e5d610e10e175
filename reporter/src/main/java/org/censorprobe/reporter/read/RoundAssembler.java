package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gathers rows, in time order, into rounds: a probe's round is complete when a row of that probe with another
 * round_id arrives (a probe runs one round at a time). Only the first failing record of a platform's round is
 * parsed, for the {@code platform_verdict} and {@code round} objects all its lines carry; and not even that
 * when the platform's previous round had the same endpoint verdicts and methods and the controls the same
 * verdicts: the roll-up of the same inputs is the same, and a long blocking then costs one look-up, not one a round.
 */
public final class RoundAssembler implements Consumer<MeasurementRow> {
  private final Consumer<ProbeRound> sink;
  private final Map<String, List<MeasurementRow>> openRounds = new LinkedHashMap<>();
  private final Map<String, ProbeInfo> probes = new HashMap<>();
  private final Map<String, String> platformNames = new HashMap<>();
  private final Map<String, Rollup> lastRollups = new HashMap<>();

  /** The roll-up read for a platform's failing round, and what it was read for. */
  private record Rollup(String inputs, JsonNode node) {}

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

  public Map<String, ProbeInfo> probes() {
    return Map.copyOf(probes);
  }

  private void flush(List<MeasurementRow> rows) {
    MeasurementRow first = rows.get(0);
    ProbeInfo probe = probes.get(first.probe());
    if (probe == null) {
      probe = RecordFields.probeInfo(first.probe(), first.record().get());
      // a JSON-lines row whose record was dropped knows nothing: ask the next round again
      if (probe.network() != null || probe.asn() != 0) probes.put(first.probe(), probe);
    }
    long startedAt = Long.MAX_VALUE;
    int controlsTotal = 0;
    int controlsOk = 0;
    Map<String, List<MeasurementRow>> byPlatform = new LinkedHashMap<>();
    for (MeasurementRow r : rows) {
      startedAt = Math.min(startedAt, r.measuredAtMs());
      if (r.isControl()) {
        controlsTotal++;
        if (r.status() == Status.OK) controlsOk++;
      } else {
        byPlatform.computeIfAbsent(r.platform(), k -> new ArrayList<>()).add(r);
      }
    }
    StringBuilder controlInputs = new StringBuilder();
    for (MeasurementRow r : rows) {
      if (r.isControl()) controlInputs.append(r.endpoint()).append('=').append(r.status()).append(r.method()).append(';');
    }
    List<Round> platforms = new ArrayList<>(byPlatform.size());
    ControlState controls = null;
    for (List<MeasurementRow> platformRows : byPlatform.values()) {
      Round round = platformRound(platformRows, controlInputs);
      if (controls == null) controls = round.controls();
      platforms.add(round);
    }
    sink.accept(new ProbeRound(probe, first.roundId(), startedAt, platforms, controlsTotal, controlsOk, controls));
  }

  private Round platformRound(List<MeasurementRow> rows, CharSequence controlInputs) {
    MeasurementRow first = rows.get(0);
    String key = first.probe() + '\u0000' + first.platform();
    String name = platformNames.get(key);
    if (name == null) {
      String n = RecordFields.text(first.record().get(), "platform_name");
      if (n != null) platformNames.put(key, name = BoundedText.of(n, 80));
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
      endpoints.add(new EndpointResult(r.endpoint(), r.status(), r.method(), OnceSupplier.of(
          () -> EvidenceReader.read(orEmpty(r.record().get()), r.measuredAtMs(), r.endpoint(), r.status(), r.method()))));
    }
    if (firstFailing == null) {
      return new Round(first.probe(), first.platform(), name, first.roundId(), at, Status.OK, null, null, null, endpoints);
    }
    StringBuilder inputs = new StringBuilder(controlInputs);
    for (MeasurementRow r : rows) inputs.append(r.endpoint()).append('=').append(r.status()).append(r.method()).append(';');
    String inputKey = inputs.toString();
    Rollup last = lastRollups.get(key);
    JsonNode record;
    if (last != null && last.inputs().equals(inputKey)) {
      record = last.node();
    } else {
      record = firstFailing.rollup().get();
      lastRollups.put(key, new Rollup(inputKey, record));
    }
    JsonNode verdict = RecordFields.platformVerdict(record);
    Status status = verdict == null ? null : Status.ofVerdict(RecordFields.text(verdict, "verdict"));
    String method;
    String confidence;
    if (status == null) { // a record without a roll-up: the worst endpoint stands for the platform
      status = worst;
      method = firstFailing.method();
      confidence = RecordFields.text(firstFailing.record().get(), "confidence");
    } else {
      method = RecordFields.text(verdict, "method");
      confidence = RecordFields.text(verdict, "confidence");
    }
    return new Round(first.probe(), first.platform(), name, first.roundId(), at, status,
        BoundedText.of(method, 80), BoundedText.of(confidence, 20), RecordFields.controls(record), endpoints);
  }

  private static JsonNode orEmpty(JsonNode node) {
    return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
  }
}
