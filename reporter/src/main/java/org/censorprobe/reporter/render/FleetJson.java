package org.censorprobe.reporter.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.fleet.Arrival;
import org.censorprobe.reporter.fleet.FleetEvent;
import org.censorprobe.reporter.fleet.FleetState;
import org.censorprobe.reporter.fleet.FleetView;
import org.censorprobe.reporter.fleet.NetworkStance;
import org.censorprobe.reporter.incidents.ControlsDuring;
import org.censorprobe.reporter.read.ArrivalFacts;
import org.censorprobe.reporter.read.Status;

/** The fleet view and the arrival of late data in the JSON report (docs/report-format.md, "Fleet"). */
final class FleetJson {
  private FleetJson() {}

  static void arrival(JsonGenerator g, Arrival a) throws IOException {
    if (a == null) {
      g.writeNullField("arrival");
      return;
    }
    g.writeObjectFieldStart("arrival");
    JsonRenderer.time(g, "server_now", a.serverNow());
    JsonRenderer.time(g, "window_end", a.windowEnd());
    g.writeBooleanField("still_arriving", a.stillArriving());
    g.writeArrayFieldStart("probes");
    for (Arrival.ProbeLine p : a.probes()) {
      g.writeStartObject();
      g.writeStringField("probe", p.probe());
      g.writeStringField("state", p.state().label());
      g.writeNumberField("rows", p.rows());
      JsonRenderer.time(g, "last_measured", p.lastMeasured());
      JsonRenderer.time(g, "last_received", p.lastReceived());
      seconds(g, "max_delay_seconds", p.maxDelay());
      g.writeNumberField("late_rows", p.lateRows());
      seconds(g, "late_after_seconds", p.lateAfter());
      seconds(g, "typical_interval_seconds", p.typicalInterval());
      g.writeArrayFieldStart("upload_failures");
      for (ArrivalFacts.UploadEpisode e : p.uploadFailures()) {
        g.writeStartObject();
        JsonRenderer.time(g, "started_at", e.startedAt());
        JsonRenderer.time(g, "last_failed_at", e.lastFailedAt());
        JsonRenderer.time(g, "ended_at", e.endedAt());
        g.writeNumberField("attempts", e.attempts());
        g.writeStringField("reason", e.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("sentence", p.sentence());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void fleet(JsonGenerator g, FleetView f) throws IOException {
    if (f == null) {
      g.writeNullField("fleet");
      return;
    }
    g.writeObjectFieldStart("fleet");
    g.writeArrayFieldStart("networks");
    for (ProbeIdentity p : f.networks()) JsonRenderer.probe(g, p);
    g.writeEndArray();
    g.writeArrayFieldStart("columns");
    for (Instant i : f.columns()) g.writeString(i.toString());
    g.writeEndArray();
    g.writeArrayFieldStart("matrix");
    for (FleetView.MatrixRow row : f.matrix()) {
      g.writeStartObject();
      g.writeStringField("platform", row.platform());
      g.writeStringField("platform_name", row.platformName());
      g.writeArrayFieldStart("cells");
      for (FleetView.MatrixCell c : row.cells()) {
        g.writeStartObject();
        g.writeStringField("probe", c.network().id());
        g.writeBooleanField("measured", c.measured());
        g.writeObjectFieldStart("rounds");
        for (Status s : new Status[] {Status.OK, Status.BLOCKED, Status.TECHNICAL, Status.INCONCLUSIVE}) {
          g.writeNumberField(s.label(), c.rounds().getOrDefault(s, 0));
        }
        g.writeEndObject();
        g.writeArrayFieldStart("columns");
        for (FleetState s : c.columns()) g.writeString(s.label());
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("events");
    for (FleetEvent e : f.events()) event(g, e);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void event(JsonGenerator g, FleetEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    JsonRenderer.time(g, "start", e.start());
    JsonRenderer.time(g, "end", e.end());
    g.writeBooleanField("ongoing", e.ongoing());
    g.writeStringField("headline", e.headline());
    g.writeArrayFieldStart("incidents");
    for (String id : e.incidentIds()) g.writeString(id);
    g.writeEndArray();
    g.writeArrayFieldStart("platforms");
    for (FleetEvent.PlatformStances p : e.platforms()) {
      g.writeStartObject();
      g.writeStringField("platform", p.platform());
      g.writeStringField("platform_name", p.platformName());
      JsonRenderer.time(g, "from", p.from());
      JsonRenderer.time(g, "to", p.to());
      g.writeArrayFieldStart("networks");
      for (NetworkStance s : p.networks()) {
        g.writeStartObject();
        g.writeFieldName("probe");
        JsonRenderer.probe(g, s.network());
        g.writeStringField("stance", s.kind().label());
        JsonRenderer.time(g, "from", s.from());
        JsonRenderer.time(g, "to", s.to());
        g.writeStringField("what", s.what());
        g.writeNumberField("ok_rounds", s.okRounds());
        g.writeNumberField("failing_rounds", s.failingRounds());
        g.writeNumberField("no_data_seconds", s.noData().toSeconds());
        g.writeArrayFieldStart("incidents");
        for (String id : s.incidentIds()) g.writeString(id);
        g.writeEndArray();
        controls(g, s.controls());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void controls(JsonGenerator g, ControlsDuring c) throws IOException {
    g.writeObjectFieldStart("controls");
    g.writeNumberField("rounds", c.rounds());
    g.writeBooleanField("healthy", c.healthy());
    g.writeObjectFieldStart("local_network");
    for (Map.Entry<org.censorprobe.format.interpret.LocalNetwork, Integer> e : new TreeMap<>(c.localNetwork()).entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("min_controls_ok", c.minControlsOk());
    g.writeNumberField("controls_total", c.controlsTotal());
    g.writeStringField("summary", c.summary());
    g.writeEndObject();
  }

  private static void seconds(JsonGenerator g, String field, Duration d) throws IOException {
    if (d == null) g.writeNullField(field);
    else g.writeNumberField(field, d.toSeconds());
  }
}
