package org.censorprobe.format.json;

import static org.censorprobe.format.json.Json.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.ClassifierVersion;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.ResolverBaseline;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.Steps;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * The one writer and reader of the measurement format (docs/measurement-format.md): the probe writes with it, the
 * reporter and every tool read with it. Field names are written out here, once, rather than derived from record
 * components, so that renaming a Java field can never silently change what outside tools read.
 *
 * <p>Schema 2 is written. Schema 1 (the first landing's records) is read: its observations in full, its
 * judgement's facts kept verbatim; a newer schema is refused, because its meaning is unknown to this version.
 */
public final class MeasurementCodec {
  public static final int SCHEMA = 2;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MeasurementCodec() {}

  /** One line of JSON, no trailing newline. */
  public static String toJson(Measurement m) {
    StringWriter out = new StringWriter(2048);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, m);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  public static void write(JsonGenerator g, Measurement m) throws IOException {
    g.writeStartObject();
    g.writeNumberField("schema", SCHEMA);
    g.writeStringField("id", m.id());
    g.writeStringField("round_id", m.roundId());
    string(g, "measured_at", m.measuredAt());
    g.writeStringField("probe", m.probe().id());
    g.writeObjectFieldStart("probe_info");
    g.writeStringField("country", m.probe().country());
    g.writeStringField("network", m.probe().network());
    g.writeNumberField("asn", m.probe().asn());
    g.writeEndObject();
    g.writeStringField("role", m.role().label());
    g.writeStringField("platform", m.platform());
    g.writeStringField("platform_name", m.platformName());
    if (m.role() == Role.CONTROL) g.writeBooleanField("domestic", m.domestic());
    if (m.resolverRole() != null) g.writeStringField("resolver_role", m.resolverRole().label());
    g.writeStringField("endpoint", m.endpoint());
    if (m.expect() != null) {
      g.writeObjectFieldStart("expect");
      if (m.expect().status() != null) g.writeNumberField("status", m.expect().status());
      if (m.expect().bodyContains() != null) g.writeStringField("body_contains", m.expect().bodyContains());
      g.writeEndObject();
    }
    if (m.judgement() != null) writeJudgement(g, m.judgement());
    g.writeNumberField("duration_ms", round1(m.steps().durationMs()));
    if (m.steps() instanceof EndpointObservations o) StepsCodec.write(g, o);
    else StepsCodec.write(g, (ResolverObservations) m.steps());
    if (!m.previous().isEmpty()) {
      g.writeArrayFieldStart("previous");
      for (Judgement j : m.previous()) {
        g.writeStartObject();
        writeJudgement(g, j);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** The judgement's fields, flat inside the current object (the record, or one entry of {@code previous}). */
  private static void writeJudgement(JsonGenerator g, Judgement j) throws IOException {
    writeInterpretation(g, j.interpretation());
    if (j.classifier() != null) {
      g.writeObjectFieldStart("classifier");
      g.writeStringField("version", j.classifier().version());
      string(g, "date", j.classifier().date());
      g.writeEndObject();
    }
    string(g, "judged_at", j.judgedAt());
    if (j.platform() != null) {
      g.writeObjectFieldStart("platform_verdict");
      writeInterpretation(g, j.platform().interpretation());
      g.writeArrayFieldStart("driven_by");
      for (String e : j.platform().drivenBy()) g.writeString(e);
      g.writeEndArray();
      g.writeEndObject();
    }
    if (j.round() != null) {
      RoundContext r = j.round();
      g.writeObjectFieldStart("round");
      g.writeNumberField("controls_total", r.controlsTotal());
      g.writeNumberField("controls_ok", r.controlsOk());
      g.writeNumberField("domestic_total", r.domesticTotal());
      g.writeNumberField("domestic_ok", r.domesticOk());
      g.writeStringField("local_network", r.localNetwork().label());
      g.writeArrayFieldStart("resolvers");
      for (ResolverBaseline b : r.resolvers()) {
        g.writeStartObject();
        g.writeStringField("resolver", b.resolver());
        g.writeStringField("role", b.role().label());
        g.writeNumberField("controls_asked", b.asked());
        g.writeNumberField("controls_answered", b.answered());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeInterpretation(JsonGenerator g, Interpretation i) throws IOException {
    g.writeStringField("verdict", i.verdict().label());
    g.writeStringField("method", i.method() == null ? null : i.method().wire());
    g.writeStringField("confidence", i.confidence().label());
    g.writeStringField("evidence", i.evidence());
    FactsCodec.write(g, i.facts());
  }

  // ---- reading

  /** Reads one record; throws RecordFormatException naming the field that is wrong. */
  public static Measurement read(String json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RecordFormatException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) throw new RecordFormatException("not a JSON object");
    return read(n);
  }

  public static Measurement read(JsonNode n) {
    String path = "record";
    int schema = integer(n, "schema", 0);
    if (schema < 1) throw new RecordFormatException(path + ".schema: missing or not a positive integer");
    if (schema > SCHEMA) {
      throw new RecordFormatException(path + ".schema: " + schema + " is newer than this version reads (" + SCHEMA
          + "); upgrade censorprobe");
    }
    String id = requiredText(n, "id", path);
    try {
      Role role = Role.fromLabel(requiredText(n, "role", path));
      Instant measuredAt = instant(n, "measured_at", path);
      JsonNode info = n.path("probe_info");
      ProbeIdentity probe = new ProbeIdentity(requiredText(n, "probe", path), text(info, "country"),
          text(info, "network"), longValue(info, "asn", 0));
      String endpoint = requiredText(n, "endpoint", path);
      ResolverRole resolverRole = role == Role.RESOLVER ? ResolverRole.fromLabel(requiredText(n, "resolver_role",
          path)) : null;
      ContentExpectation expect = null;
      JsonNode x = n.get("expect");
      if (x != null && x.isObject()) {
        expect = new ContentExpectation(x.hasNonNull("status") ? x.get("status").asInt() : null,
            text(x, "body_contains"));
      }
      JsonNode steps = required(n, "steps", path);
      Steps s;
      if (role == Role.RESOLVER) {
        s = StepsCodec.readResolver(steps, path);
      } else {
        Endpoint e;
        try {
          e = Endpoint.parse(endpoint);
        } catch (IllegalArgumentException ex) {
          throw new RecordFormatException(path + ".endpoint: " + ex.getMessage());
        }
        s = StepsCodec.readEndpoint(steps, e, measuredAt, number(n, "duration_ms"), path);
      }
      Judgement current = n.hasNonNull("verdict") ? readJudgement(n, schema, path) : null;
      List<Judgement> previous = new ArrayList<>();
      JsonNode prev = n.get("previous");
      if (prev != null && prev.isArray()) {
        int i = 0;
        for (JsonNode p : prev) previous.add(readJudgement(p, schema, path + ".previous[" + i++ + "]"));
      }
      return new Measurement(id, text(n, "round_id"), measuredAt, probe, role, text(n, "platform"),
          text(n, "platform_name"), bool(n, "domestic"), endpoint, resolverRole, expect, s, current, previous);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException(path + " " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Facts are read typed only for a judgement that names its classifier: the first probe's judgements (schema 1)
   * named none, and their facts, in other shapes under some of the same keys, stay verbatim even after the record
   * has been written again as schema 2 (say, with a newer judgement on top).
   */
  /**
   * A record's platform roll-up alone, from its {@code platform_verdict} object (a reader that needs only the
   * roll-up of a failing round need not parse the whole record); null when absent. {@code typed}: the record's
   * judgement names its classifier (facts are then read in their typed shapes).
   */
  public static PlatformVerdict readPlatformVerdict(JsonNode platformVerdict, boolean typed) {
    if (platformVerdict == null || !platformVerdict.isObject()) return null;
    try {
      return new PlatformVerdict(readInterpretation(platformVerdict, typed ? 2 : 1, "platform_verdict"),
          strings(platformVerdict, "driven_by"));
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException("platform_verdict: " + e.getMessage(), e);
    }
  }

  /** A record's {@code round} object alone; null when absent. */
  public static RoundContext readRoundContext(JsonNode round) {
    if (round == null || !round.isObject()) return null;
    try {
      return roundContext(round, "round");
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException("round: " + e.getMessage(), e);
    }
  }

  private static RoundContext roundContext(JsonNode r, String path) {
    List<ResolverBaseline> resolvers = list(r, "resolvers", path, b -> new ResolverBaseline(
        requiredText(b.node(), "resolver", b.path()), ResolverRole.fromLabel(requiredText(b.node(), "role",
        b.path())), integer(b.node(), "controls_asked", 0), integer(b.node(), "controls_answered", 0)));
    return new RoundContext(integer(r, "controls_total", 0), integer(r, "controls_ok", 0),
        integer(r, "domestic_total", 0), integer(r, "domestic_ok", 0),
        LocalNetwork.fromLabel(requiredText(r, "local_network", path)), resolvers);
  }

  private static Judgement readJudgement(JsonNode n, int schema, String path) {
    int factsSchema = schema >= 2 && n.hasNonNull("classifier") ? 2 : 1;
    Interpretation own = readInterpretation(n, factsSchema, path);
    ClassifierVersion classifier = null;
    JsonNode c = n.get("classifier");
    if (c != null && c.isObject()) {
      String date = text(c, "date");
      try {
        classifier = new ClassifierVersion(requiredText(c, "version", path + ".classifier"),
            date == null ? null : LocalDate.parse(date));
      } catch (DateTimeParseException e) {
        throw new RecordFormatException(path + ".classifier.date: not a date: " + date);
      }
    }
    PlatformVerdict platform = null;
    JsonNode pv = n.get("platform_verdict");
    if (pv != null && pv.isObject()) {
      platform = new PlatformVerdict(readInterpretation(pv, factsSchema, path + ".platform_verdict"),
          strings(pv, "driven_by"));
    }
    RoundContext round = null;
    JsonNode r = n.get("round");
    if (r != null && r.isObject()) round = roundContext(r, path + ".round");
    return new Judgement(own, platform, round, classifier, instant(n, "judged_at", path));
  }

  private static Interpretation readInterpretation(JsonNode n, int schema, String path) {
    String method = text(n, "method");
    return new Interpretation(Verdict.fromLabel(requiredText(n, "verdict", path)),
        method == null ? null : Method.fromWire(method), Confidence.fromLabel(requiredText(n, "confidence", path)),
        text(n, "evidence"), FactsCodec.read(n.get("facts"), schema, path + ".facts"));
  }
}
