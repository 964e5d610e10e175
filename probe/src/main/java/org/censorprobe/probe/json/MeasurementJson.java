package org.censorprobe.probe.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.observe.CertificateInfo;
import org.censorprobe.probe.observe.DnsAnswer;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.Failure;
import org.censorprobe.probe.observe.HelperObservation;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.TcpObservation;
import org.censorprobe.probe.observe.TlsObservation;

/**
 * Writes the measurement format (docs/measurement-format.md). Field names are written out here, once, rather
 * than derived from record components, so that renaming a Java field can never silently change the interface
 * that the reporter and outside tools read.
 */
public final class MeasurementJson {
  public static final int SCHEMA = 1;

  private static final JsonFactory FACTORY = new JsonFactory();
  /** Only for facts: small maps of strings, numbers, lists and nested maps. */
  private static final ObjectMapper FACTS = new ObjectMapper();

  private MeasurementJson() {}

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
    g.writeStringField("measured_at", m.measuredAt().toString());
    g.writeStringField("probe", m.probe().id());
    g.writeObjectFieldStart("probe_info");
    g.writeStringField("country", m.probe().country());
    g.writeStringField("network", m.probe().network());
    g.writeNumberField("asn", m.probe().asn());
    g.writeEndObject();
    g.writeStringField("role", m.role());
    g.writeStringField("platform", m.platform());
    g.writeStringField("platform_name", m.platformName());
    if (Measurement.ROLE_CONTROL.equals(m.role())) g.writeBooleanField("domestic", m.domestic());
    g.writeStringField("endpoint", m.steps().endpoint().spec());
    writeClassification(g, m.classification());
    if (m.platformVerdict() != null) {
      g.writeObjectFieldStart("platform_verdict");
      writeClassification(g, m.platformVerdict().classification());
      g.writeArrayFieldStart("driven_by");
      for (String e : m.platformVerdict().drivenBy()) g.writeString(e);
      g.writeEndArray();
      g.writeEndObject();
    }
    if (m.round() != null) {
      var r = m.round();
      g.writeObjectFieldStart("round");
      g.writeNumberField("controls_total", r.controlsTotal());
      g.writeNumberField("controls_ok", r.controlsOk());
      g.writeNumberField("domestic_total", r.domesticTotal());
      g.writeNumberField("domestic_ok", r.domesticOk());
      g.writeStringField("local_network", r.localNetwork().label());
      g.writeEndObject();
    }
    g.writeNumberField("duration_ms", round1(m.steps().durationMs()));
    g.writeObjectFieldStart("steps");
    writeDns(g, "dns", m.steps().dns());
    writeDns(g, "control_dns", m.steps().controlDns());
    g.writeArrayFieldStart("tcp");
    for (TcpObservation t : m.steps().tcp()) writeTcp(g, t);
    g.writeEndArray();
    writeTls(g, "tls", m.steps().tls());
    writeTls(g, "sni_swap", m.steps().sniSwap());
    g.writeArrayFieldStart("http");
    for (HttpExchange h : m.steps().http()) writeHttp(g, h);
    g.writeEndArray();
    if (m.steps().helper() != null) writeHelper(g, m.steps().helper());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeClassification(JsonGenerator g, Classification c) throws IOException {
    g.writeStringField("verdict", c.verdict().label());
    g.writeStringField("method", c.method());
    g.writeStringField("confidence", c.confidence().label());
    g.writeStringField("evidence", c.evidence());
    g.writeFieldName("facts");
    FACTS.writeValue(g, c.facts());
  }

  private static void writeDns(JsonGenerator g, String field, List<DnsObservation> list) throws IOException {
    g.writeArrayFieldStart(field);
    for (DnsObservation d : list) {
      g.writeStartObject();
      g.writeStringField("resolver", d.resolver());
      g.writeStringField("query", d.query());
      g.writeStringField("query_type", d.queryType());
      timing(g, d.attempt(), d.startedAt(), d.durationMs());
      g.writeStringField("rcode", d.rcode());
      g.writeArrayFieldStart("cname_chain");
      for (String c : d.cnameChain()) g.writeString(c);
      g.writeEndArray();
      g.writeArrayFieldStart("answers");
      for (DnsAnswer a : d.answers()) {
        g.writeStartObject();
        g.writeStringField("name", a.name());
        g.writeStringField("type", a.type());
        g.writeNumberField("ttl", a.ttl());
        g.writeStringField("data", a.data());
        g.writeBooleanField("bogon", a.bogon());
        g.writeEndObject();
      }
      g.writeEndArray();
      failure(g, "", d.failure());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeTcp(JsonGenerator g, TcpObservation t) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", t.address());
    g.writeNumberField("port", t.port());
    timing(g, t.attempt(), t.startedAt(), t.durationMs());
    failure(g, "", t.failure());
    g.writeEndObject();
  }

  private static void writeTls(JsonGenerator g, String field, List<TlsObservation> list) throws IOException {
    g.writeArrayFieldStart(field);
    for (TlsObservation t : list) {
      g.writeStartObject();
      g.writeStringField("address", t.address());
      g.writeNumberField("port", t.port());
      g.writeStringField("server_name", t.serverName());
      timing(g, t.attempt(), t.startedAt(), t.durationMs());
      g.writeStringField("protocol", t.protocol());
      g.writeStringField("cipher_suite", t.cipherSuite());
      g.writeStringField("alpn", t.alpn());
      g.writeArrayFieldStart("chain");
      for (CertificateInfo c : t.chain()) {
        g.writeStartObject();
        g.writeStringField("subject", c.subject());
        g.writeStringField("issuer", c.issuer());
        g.writeStringField("serial_number", c.serialNumber());
        g.writeStringField("sha256", c.sha256());
        g.writeStringField("not_before", str(c.notBefore()));
        g.writeStringField("not_after", str(c.notAfter()));
        g.writeArrayFieldStart("subject_alt_names");
        for (String s : c.subjectAltNames()) g.writeString(s);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      failure(g, "", t.failure());
      failure(g, "validation_", t.validationFailure());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeHttp(JsonGenerator g, HttpExchange h) throws IOException {
    g.writeStartObject();
    g.writeStringField("url", h.url());
    g.writeStringField("address", h.address());
    timing(g, h.attempt(), h.startedAt(), h.durationMs());
    g.writeNumberField("status_code", h.statusCode());
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(h.headers()).entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) g.writeString(v);
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeNumberField("body_length", h.bodyLength());
    g.writeBooleanField("body_truncated", h.bodyTruncated());
    g.writeStringField("body_sha256", h.bodySha256());
    g.writeStringField("title", h.title());
    g.writeStringField("body_sample", h.bodySample());
    optional(g, "time_to_first_byte_ms", h.timeToFirstByteMs());
    optional(g, "transfer_bytes_per_second", h.transferBytesPerSecond());
    failure(g, "", h.failure());
    g.writeEndObject();
  }

  private static void writeHelper(JsonGenerator g, HelperObservation h) throws IOException {
    g.writeObjectFieldStart("helper");
    g.writeStringField("answered_by", h.answeredBy());
    g.writeStringField("started_at", str(h.startedAt()));
    g.writeNumberField("duration_ms", round1(h.durationMs()));
    g.writeArrayFieldStart("attempts");
    for (HelperObservation.Attempt a : h.attempts()) {
      g.writeStartObject();
      g.writeStringField("helper", a.helper());
      g.writeNumberField("duration_ms", round1(a.durationMs()));
      g.writeNumberField("http_status", a.httpStatus());
      failure(g, "", a.failure());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("response");
    if (h.responseJson() == null) g.writeNull();
    else g.writeRawValue(h.responseJson()); // checked well-formed JSON by the client before it was kept
    g.writeEndObject();
  }

  private static void timing(JsonGenerator g, int attempt, Instant startedAt, double durationMs) throws IOException {
    g.writeNumberField("attempt", attempt);
    g.writeStringField("started_at", str(startedAt));
    g.writeNumberField("duration_ms", round1(durationMs));
  }

  /** {@code failure}, {@code failed_operation}, {@code failure_detail}, with an optional prefix; null when none. */
  private static void failure(JsonGenerator g, String prefix, Failure f) throws IOException {
    g.writeStringField(prefix + "failure", f == null ? null : f.failure());
    if (f != null) {
      g.writeStringField(prefix + "failed_operation", f.operation());
      if (f.detail() != null) g.writeStringField(prefix + "failure_detail", f.detail());
    }
  }

  private static void optional(JsonGenerator g, String field, Double v) throws IOException {
    if (v == null) g.writeNullField(field);
    else g.writeNumberField(field, round1(v));
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }
}
