package org.censorprobe.reporter.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import org.censorprobe.reporter.incidents.Band;
import org.censorprobe.reporter.incidents.Count;
import org.censorprobe.reporter.incidents.Event;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.incidents.NetworkSighting;
import org.censorprobe.reporter.incidents.NoDataSpan;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.Timeline;
import org.censorprobe.reporter.read.ClassifierTally;
import org.censorprobe.reporter.read.EvidenceSample;
import org.censorprobe.reporter.read.SourceSummary;
import org.censorprobe.format.record.ProbeIdentity;

/**
 * The report as data (docs/report-format.md). Field names are written here, once, not derived from records, so
 * a Java rename cannot silently change the interface.
 */
public final class JsonRenderer implements ReportRenderer {
  public static final int SCHEMA = 1;
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Colophon colophon;

  /** Stamped with this reporter's version and the time of construction. */
  public JsonRenderer() {
    this(Colophon.now());
  }

  public JsonRenderer(Colophon colophon) {
    this.colophon = colophon;
  }

  @Override
  public void render(Report r, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schema", SCHEMA);
      g.writeObjectFieldStart("report");
      g.writeStringField("tool", "censorprobe reporter");
      g.writeStringField("version", colophon.toolVersion());
      time(g, "generated_at", colophon.generatedAt());
      g.writeStringField("method", Footer.METHOD_PATH);
      g.writeEndObject();
      g.writeObjectFieldStart("period");
      time(g, "from", r.from());
      time(g, "to", r.to());
      g.writeEndObject();
      g.writeObjectFieldStart("settings");
      g.writeNumberField("open_after_rounds", r.settings().openAfter());
      g.writeNumberField("close_after_rounds", r.settings().closeAfter());
      if (r.settings().gap() == null) g.writeNullField("gap_seconds");
      else g.writeNumberField("gap_seconds", r.settings().gap().toSeconds());
      g.writeEndObject();
      g.writeObjectFieldStart("input");
      g.writeNumberField("measurements", r.input().measurements());
      g.writeNumberField("rounds", r.input().rounds());
      g.writeNumberField("skipped", r.input().skipped());
      strings(g, "problems", r.input().problems());
      g.writeArrayFieldStart("sources");
      for (SourceSummary src : r.input().sources()) {
        g.writeStartObject();
        g.writeStringField("kind", kind(src.kind()));
        g.writeStringField("path", src.path());
        g.writeNumberField("measurements", src.records());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("classifiers");
      for (ClassifierTally.Count c : r.input().classifiers()) {
        g.writeStartObject();
        g.writeStringField("version", c.classifier() == null ? null : c.classifier().version());
        g.writeStringField("date", c.classifier() == null || c.classifier().date() == null ? null
            : c.classifier().date().toString());
        g.writeNumberField("measurements", c.records());
        g.writeNumberField("rejudged", c.rejudged());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      FleetJson.arrival(g, r.arrival());
      g.writeArrayFieldStart("probes");
      for (ProbeIdentity p : r.probes()) probe(g, p);
      g.writeEndArray();
      g.writeArrayFieldStart("events");
      for (Event e : r.events()) event(g, e);
      g.writeEndArray();
      g.writeArrayFieldStart("incidents");
      for (Incident i : r.incidents()) incident(g, i);
      g.writeEndArray();
      g.writeArrayFieldStart("timelines");
      for (Timeline t : r.timelines()) timeline(g, t);
      g.writeEndArray();
      FleetJson.fleet(g, r.fleet());
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static String kind(SourceSummary.Kind k) {
    return switch (k) {
      case STORE -> "store";
      case CENTRAL -> "central";
      case JSON_LINES -> "json_lines";
    };
  }

  /** A probe's identity as every report's JSON writes it (the fleet view's too). */
  static void probe(JsonGenerator g, ProbeIdentity p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    g.writeStringField("network", p.network());
    g.writeNumberField("asn", p.asn());
    g.writeStringField("country", p.country());
    g.writeEndObject();
  }

  private static void event(JsonGenerator g, Event e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("kind", e.kind());
    g.writeStringField("key", e.key().id());
    g.writeStringField("classification", e.classification());
    time(g, "start", e.start());
    time(g, "end", e.end());
    g.writeBooleanField("ongoing", e.ongoing());
    strings(g, "platforms", e.platforms());
    g.writeArrayFieldStart("networks");
    for (NetworkSighting n : e.networks()) {
      g.writeStartObject();
      g.writeFieldName("probe");
      probe(g, n.probe());
      strings(g, "platforms", n.platforms());
      time(g, "start", n.start());
      time(g, "end", n.end());
      g.writeEndObject();
    }
    g.writeEndArray();
    strings(g, "incidents", e.incidentIds());
    strings(g, "stayed_reachable", e.stayedReachable());
    g.writeBooleanField("controls_healthy", e.controlsHealthy());
    g.writeStringField("headline", e.headline());
    g.writeEndObject();
  }

  private static void incident(JsonGenerator g, Incident i) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", i.id());
    g.writeStringField("kind", i.kind());
    g.writeStringField("platform", i.platform());
    g.writeStringField("platform_name", i.platformName());
    g.writeFieldName("probe");
    probe(g, i.probe());
    time(g, "start", i.start());
    time(g, "end", i.end());
    g.writeBooleanField("ongoing", i.ongoing());
    time(g, "last_seen", i.lastSeen());
    g.writeNumberField("duration_seconds", i.duration().toSeconds());
    g.writeStringField("classification", i.classification());
    g.writeObjectFieldStart("split");
    for (var e : i.split().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
    g.writeEndObject();
    g.writeNumberField("failing_rounds", i.failingRounds());
    g.writeNumberField("ok_rounds_inside", i.okRoundsInside());
    g.writeNumberField("network_outage_rounds_inside", i.networkRoundsInside());
    counts(g, "endpoints", i.endpoints());
    counts(g, "methods", i.methods());
    g.writeStringField("key", i.key().id());
    g.writeStringField("method", i.method() == null ? null : i.method().wire());
    g.writeStringField("what", i.what());
    g.writeStringField("confidence", i.confidence().label());
    g.writeBooleanField("weak_witness", i.controls().weakWitness());
    g.writeObjectFieldStart("controls");
    g.writeNumberField("rounds", i.controls().rounds());
    g.writeBooleanField("healthy", i.controls().healthy());
    g.writeObjectFieldStart("local_network");
    for (var e : new java.util.TreeMap<>(i.controls().localNetwork()).entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("min_controls_ok", i.controls().minControlsOk());
    g.writeNumberField("controls_total", i.controls().controlsTotal());
    g.writeNumberField("min_domestic_ok", i.controls().minDomesticOk());
    g.writeNumberField("domestic_total", i.controls().domesticTotal());
    g.writeEndObject();
    g.writeBooleanField("spans_gap", i.spansGap());
    g.writeNumberField("no_data_spans", i.noDataSpans());
    g.writeArrayFieldStart("no_data");
    for (NoDataSpan s : i.noData()) {
      g.writeStartObject();
      time(g, "from", s.from());
      time(g, "to", s.to());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("evidence");
    for (EvidenceSample s : i.evidence()) {
      g.writeStartObject();
      time(g, "measured_at", s.measuredAt());
      g.writeStringField("endpoint", s.endpoint());
      g.writeStringField("verdict", s.verdict().label());
      g.writeStringField("method", s.method() == null ? null : s.method().wire());
      g.writeStringField("confidence", s.confidence() == null ? null : s.confidence().label());
      g.writeStringField("evidence", s.sentence());
      g.writeStringField("classifier", s.classifier() == null ? null : s.classifier().toString());
      g.writeStringField("rejudged_from", s.previousWire());
      g.writeArrayFieldStart("facts");
      int k = 0;
      List<EvidenceText.Row> rows = EvidenceText.facts(s);
      for (var f : s.facts()) {
        if (f instanceof org.censorprobe.format.interpret.Fact.Host) continue;
        EvidenceText.Row row = rows.get(k++);
        g.writeStartObject();
        g.writeStringField("key", f.key());
        g.writeStringField("label", row.label());
        g.writeStringField("text", row.value());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void timeline(JsonGenerator g, Timeline t) throws IOException {
    g.writeStartObject();
    g.writeStringField("probe", t.probe().id());
    g.writeStringField("platform", t.platform());
    g.writeStringField("platform_name", t.platformName());
    g.writeArrayFieldStart("bands");
    for (Band b : t.bands()) {
      g.writeStartObject();
      g.writeStringField("status", b.status().label());
      time(g, "from", b.from());
      time(g, "to", b.to());
      g.writeNumberField("rounds", b.rounds());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }


  private static void counts(JsonGenerator g, String field, List<Count> counts) throws IOException {
    g.writeArrayFieldStart(field);
    for (Count c : counts) {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeNumberField("rounds", c.rounds());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  static void time(JsonGenerator g, String field, Instant i) throws IOException {
    g.writeStringField(field, i == null ? null : i.toString());
  }
}
