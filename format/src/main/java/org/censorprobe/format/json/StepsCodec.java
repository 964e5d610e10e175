package org.censorprobe.format.json;

import static org.censorprobe.format.json.Json.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.endpoint.Endpoint;

/** The {@code steps} object: observations, written field by field so that a Java rename never changes the wire. */
final class StepsCodec {
  private StepsCodec() {}

  // ---- writing

  static void write(JsonGenerator g, EndpointObservations o) throws IOException {
    g.writeObjectFieldStart("steps");
    writeDns(g, "dns", o.dns());
    writeDns(g, "control_dns", o.controlDns());
    g.writeArrayFieldStart("tcp");
    for (TcpObservation t : o.tcp()) writeTcp(g, t);
    g.writeEndArray();
    writeTls(g, "tls", o.tls());
    writeTls(g, "sni_swap", o.sniSwap());
    g.writeArrayFieldStart("http");
    for (HttpExchange h : o.http()) writeHttp(g, h);
    g.writeEndArray();
    if (o.helper() != null) writeHelper(g, o.helper());
    g.writeEndObject();
  }

  static void write(JsonGenerator g, ResolverObservations r) throws IOException {
    g.writeObjectFieldStart("steps");
    writeDns(g, "dns", r.queries());
    g.writeEndObject();
  }

  private static void writeDns(JsonGenerator g, String field, List<DnsObservation> list) throws IOException {
    g.writeArrayFieldStart(field);
    for (DnsObservation d : list) {
      g.writeStartObject();
      g.writeStringField("resolver", d.resolver());
      g.writeStringField("query", d.query());
      g.writeStringField("query_type", d.queryType().name());
      timing(g, d.attempt(), d.startedAt(), d.durationMs());
      g.writeStringField("rcode", d.rcode());
      g.writeArrayFieldStart("cname_chain");
      for (String c : d.cnameChain()) g.writeString(c);
      g.writeEndArray();
      writeAnswers(g, d.answers());
      failure(g, "", d.failure());
      if (!d.lateReplies().isEmpty()) {
        g.writeArrayFieldStart("late_replies");
        for (DnsReply r : d.lateReplies()) {
          g.writeStartObject();
          g.writeNumberField("after_first_ms", round1(r.afterFirstMs()));
          g.writeStringField("rcode", r.rcode());
          writeAnswers(g, r.answers());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAnswers(JsonGenerator g, List<DnsAnswer> answers) throws IOException {
    g.writeArrayFieldStart("answers");
    for (DnsAnswer a : answers) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      g.writeStringField("type", a.type().name());
      g.writeNumberField("ttl", a.ttl());
      g.writeStringField("data", a.data());
      g.writeBooleanField("bogon", a.bogon());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeTcp(JsonGenerator g, TcpObservation t) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", t.address().toString());
    g.writeNumberField("port", t.port());
    timing(g, t.attempt(), t.startedAt(), t.durationMs());
    g.writeNumberField("flow", t.flow());
    failure(g, "", t.failure());
    g.writeEndObject();
  }

  private static void writeTls(JsonGenerator g, String field, List<TlsObservation> list) throws IOException {
    g.writeArrayFieldStart(field);
    for (TlsObservation t : list) {
      g.writeStartObject();
      g.writeStringField("address", t.address().toString());
      g.writeNumberField("port", t.port());
      g.writeStringField("server_name", t.serverName());
      timing(g, t.attempt(), t.startedAt(), t.durationMs());
      g.writeNumberField("flow", t.flow());
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
        string(g, "not_before", c.notBefore());
        string(g, "not_after", c.notAfter());
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
    g.writeStringField("method", h.method());
    g.writeStringField("url", h.url());
    string(g, "address", h.address());
    timing(g, h.attempt(), h.startedAt(), h.durationMs());
    g.writeNumberField("flow", h.flow());
    g.writeNumberField("status_code", h.statusCode());
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : new TreeMap<>(h.headers()).entrySet()) {
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
    string(g, "started_at", h.startedAt());
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
    else g.writeRawValue(h.responseJson()); // checked well-formed JSON before it was kept
    g.writeEndObject();
  }

  private static void timing(JsonGenerator g, int attempt, Instant startedAt, double durationMs) throws IOException {
    g.writeNumberField("attempt", attempt);
    string(g, "started_at", startedAt);
    g.writeNumberField("duration_ms", round1(durationMs));
  }

  /**
   * {@code failure}, {@code failed_operation}, {@code failure_detail}, with an optional prefix; null when none. A
   * failure read under a wire name this version does not know keeps that name in the detail (see {@link #failure}).
   */
  private static void failure(JsonGenerator g, String prefix, Failure f) throws IOException {
    g.writeStringField(prefix + "failure", f == null ? null : f.type().wire());
    if (f != null) {
      g.writeStringField(prefix + "failed_operation", f.operation() == null ? null : f.operation().wire());
      if (f.detail() != null) g.writeStringField(prefix + "failure_detail", f.detail());
    }
  }

  // ---- reading

  static EndpointObservations readEndpoint(JsonNode steps, Endpoint endpoint, Instant startedAt, double durationMs,
                                           String path) {
    String p = path + ".steps";
    List<DnsObservation> dns = list(steps, "dns", p, StepsCodec::readDns);
    List<DnsObservation> controlDns = list(steps, "control_dns", p, StepsCodec::readDns);
    List<TcpObservation> tcp = list(steps, "tcp", p, StepsCodec::readTcp);
    List<TlsObservation> tls = list(steps, "tls", p, StepsCodec::readTls);
    List<TlsObservation> swap = list(steps, "sni_swap", p, StepsCodec::readTls);
    List<HttpExchange> http = list(steps, "http", p, StepsCodec::readHttp);
    JsonNode h = steps.get("helper");
    HelperObservation helper = h == null || h.isNull() ? null : readHelper(h, p + ".helper");
    return new EndpointObservations(endpoint, startedAt, durationMs, dns, controlDns, tcp, tls, swap, http, helper);
  }

  static ResolverObservations readResolver(JsonNode steps, String path) {
    return new ResolverObservations(list(steps, "dns", path + ".steps", StepsCodec::readDns));
  }

  private static DnsObservation readDns(Item it) {
    JsonNode n = it.node();
    String qt = requiredText(n, "query_type", it.path());
    QueryType type = QueryType.fromWire(qt);
    if (type == null) throw new RecordFormatException(it.path() + ".query_type: unknown type " + qt);
    List<DnsReply> late = list(n, "late_replies", it.path(), r -> new DnsReply(number(r.node(), "after_first_ms"),
        text(r.node(), "rcode"), list(r.node(), "answers", r.path(), StepsCodec::readAnswer)));
    return new DnsObservation(requiredText(n, "resolver", it.path()), requiredText(n, "query", it.path()), type,
        integer(n, "attempt", 1), instant(n, "started_at", it.path()), number(n, "duration_ms"), text(n, "rcode"),
        strings(n, "cname_chain"), list(n, "answers", it.path(), StepsCodec::readAnswer), readFailure(n, ""), late);
  }

  private static DnsAnswer readAnswer(Item it) {
    JsonNode n = it.node();
    String t = requiredText(n, "type", it.path());
    QueryType type = QueryType.fromWire(t);
    if (type == null) throw new RecordFormatException(it.path() + ".type: unknown type " + t);
    String data = requiredText(n, "data", it.path());
    String name = text(n, "name");
    long ttl = longValue(n, "ttl", 0);
    if (type == QueryType.CNAME) return new DnsAnswer(name, type, ttl, null, data, false);
    return new DnsAnswer(name, type, ttl, address(data, it.path() + ".data"), null, bool(n, "bogon"));
  }

  private static TcpObservation readTcp(Item it) {
    JsonNode n = it.node();
    return new TcpObservation(required(it, "address"), integer(n, "port", 0), integer(n, "attempt", 1),
        instant(n, "started_at", it.path()), number(n, "duration_ms"), readFailure(n, ""), integer(n, "flow", 0));
  }

  private static TlsObservation readTls(Item it) {
    JsonNode n = it.node();
    List<CertificateInfo> chain = list(n, "chain", it.path(), c -> new CertificateInfo(text(c.node(), "subject"),
        text(c.node(), "issuer"), text(c.node(), "serial_number"), text(c.node(), "sha256"),
        instant(c.node(), "not_before", c.path()), instant(c.node(), "not_after", c.path()),
        strings(c.node(), "subject_alt_names")));
    return new TlsObservation(required(it, "address"), integer(n, "port", 0), text(n, "server_name"),
        integer(n, "attempt", 1), instant(n, "started_at", it.path()), number(n, "duration_ms"), text(n, "protocol"),
        text(n, "cipher_suite"), text(n, "alpn"), chain, readFailure(n, ""), readFailure(n, "validation_"),
        integer(n, "flow", 0));
  }

  private static HttpExchange readHttp(Item it) {
    JsonNode n = it.node();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode hs = n.get("headers");
    if (hs != null && hs.isObject()) {
      hs.fields().forEachRemaining(e -> {
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) for (JsonNode v : e.getValue()) values.add(v.asText());
        else values.add(e.getValue().asText());
        headers.put(e.getKey(), values);
      });
    }
    String method = text(n, "method");
    return new HttpExchange(method == null ? "GET" : method, text(n, "url"), address(n, "address", it.path()),
        integer(n, "attempt", 1), instant(n, "started_at", it.path()), number(n, "duration_ms"),
        integer(n, "status_code", 0), headers, longValue(n, "body_length", 0), bool(n, "body_truncated"),
        text(n, "body_sha256"), text(n, "title"), text(n, "body_sample"), optionalNumber(n, "time_to_first_byte_ms"),
        optionalNumber(n, "transfer_bytes_per_second"), readFailure(n, ""), integer(n, "flow", 0));
  }

  private static HelperObservation readHelper(JsonNode n, String path) {
    List<HelperObservation.Attempt> attempts = list(n, "attempts", path, a -> new HelperObservation.Attempt(
        text(a.node(), "helper"), number(a.node(), "duration_ms"), integer(a.node(), "http_status", 0),
        readFailure(a.node(), "")));
    JsonNode r = n.get("response");
    return new HelperObservation(text(n, "answered_by"), instant(n, "started_at", path), number(n, "duration_ms"),
        attempts, r == null || r.isNull() ? null : r.toString());
  }

  private static org.censorprobe.format.net.IpAddress required(Item it, String field) {
    var a = address(it.node(), field, it.path());
    if (a == null) throw new RecordFormatException(it.path() + "." + field + ": missing");
    return a;
  }

  /** Null when none; an unknown wire name reads as unknown_failure with the name kept in the detail. */
  private static Failure readFailure(JsonNode n, String prefix) {
    String wire = text(n, prefix + "failure");
    if (wire == null) return null;
    FailureType type = FailureType.fromWire(wire);
    String detail = text(n, prefix + "failure_detail");
    if (!FailureType.isKnownWire(wire)) detail = wire + (detail == null ? "" : ": " + detail);
    return new Failure(type, Operation.fromWire(text(n, prefix + "failed_operation")), detail);
  }
}
