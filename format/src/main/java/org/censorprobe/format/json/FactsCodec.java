package org.censorprobe.format.json;

import static org.censorprobe.format.json.Json.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.QueryType;

/**
 * The {@code facts} object: one key per fact, each value in a fixed shape (docs/classification.md, "Facts"). Keys
 * this version does not know, and every fact of a record before schema 2, are kept as {@link Fact.Other}.
 */
final class FactsCodec {
  private FactsCodec() {}

  static void write(JsonGenerator g, List<Fact> facts) throws IOException {
    g.writeObjectFieldStart("facts");
    for (Fact f : facts) {
      g.writeFieldName(f.key());
      value(g, f);
    }
    g.writeEndObject();
  }

  private static void value(JsonGenerator g, Fact fact) throws IOException {
    if (fact instanceof Fact.Host f) {
      g.writeString(f.host());
    } else if (fact instanceof Fact.Answers f) {
      g.writeStartObject();
      for (var e : f.byResolver().entrySet()) addresses(g, e.getKey(), e.getValue());
      g.writeEndObject();
    } else if (fact instanceof Fact.DnsFailures f) {
      g.writeStartObject();
      for (var e : f.byResolver().entrySet()) g.writeStringField(e.getKey(), e.getValue().wire());
      g.writeEndObject();
    } else if (fact instanceof Fact.BogonAnswers f) {
      g.writeStartObject();
      g.writeStringField("resolver", f.resolver());
      addresses(g, "addresses", f.addresses());
      g.writeEndObject();
    } else if (fact instanceof Fact.BlockingAddress f) {
      g.writeStartObject();
      g.writeStringField("resolver", f.resolver());
      g.writeStringField("address", f.address().toString());
      g.writeStringField("fingerprint", f.fingerprint());
      g.writeEndObject();
    } else if (fact instanceof Fact.DnsConsistency f) {
      g.writeString(lower(f.consistency()));
    } else if (fact instanceof Fact.DnsInjection f) {
      g.writeStartObject();
      g.writeStringField("resolver", f.resolver());
      g.writeStringField("query_type", f.queryType().name());
      addresses(g, "first", f.first());
      addresses(g, "late", f.late());
      g.writeEndObject();
    } else if (fact instanceof Fact.Connects f) {
      g.writeStartArray();
      for (Fact.Connect c : f.connects()) {
        g.writeStartObject();
        g.writeStringField("address", c.address().toString());
        g.writeStringField("failure", wire(c.failure()));
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (fact instanceof Fact.Handshakes f) {
      g.writeStartArray();
      for (Fact.Handshake h : f.handshakes()) {
        g.writeStartObject();
        g.writeStringField("address", h.address().toString());
        g.writeStringField("server_name", h.serverName());
        g.writeStringField("failure", wire(h.failure()));
        g.writeStringField("validation_failure", wire(h.validationFailure()));
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (fact instanceof Fact.SniSwap f) {
      g.writeStartObject();
      g.writeStringField("address", f.address() == null ? null : f.address().toString());
      g.writeStringField("server_name", f.serverName());
      g.writeBooleanField("run", f.run());
      g.writeStringField("failure", wire(f.failure()));
      g.writeEndObject();
    } else if (fact instanceof Fact.Certificate f) {
      g.writeStartObject();
      g.writeStringField("address", f.address().toString());
      g.writeStringField("server_name", f.serverName());
      g.writeStringField("issuer", f.issuer());
      g.writeStringField("subject", f.subject());
      g.writeStringField("validation_failure", wire(f.validationFailure()));
      g.writeStringField("fingerprint", f.fingerprint());
      g.writeEndObject();
    } else if (fact instanceof Fact.HttpResponse f) {
      g.writeStartObject();
      g.writeStringField("url", f.url());
      string(g, "address", f.address());
      g.writeNumberField("status_code", f.statusCode());
      g.writeStringField("title", f.title());
      g.writeBooleanField("https", f.https());
      g.writeBooleanField("validated", f.validated());
      g.writeEndObject();
    } else if (fact instanceof Fact.HttpFailure f) {
      g.writeStartObject();
      g.writeStringField("url", f.url());
      string(g, "address", f.address());
      g.writeStringField("failure", wire(f.failure()));
      g.writeEndObject();
    } else if (fact instanceof Fact.Blockpage f) {
      g.writeString(f.fingerprint());
    } else if (fact instanceof Fact.Remote f) {
      g.writeStartObject();
      g.writeStringField("id", f.helper());
      g.writeBooleanField("reachable", f.reachable());
      g.writeStringField("reason", f.unreachableReason());
      g.writeStringField("outcome", lower(f.outcome()));
      if (f.statusCode() == null) g.writeNullField("status_code");
      else g.writeNumberField("status_code", f.statusCode());
      addresses(g, "addresses", f.addresses());
      g.writeEndObject();
    } else if (fact instanceof Fact.MissingEvidence f) {
      g.writeStartArray();
      for (Fact.Missing m : f.missing()) g.writeString(m.wire());
      g.writeEndArray();
    } else if (fact instanceof Fact.Retried f) {
      g.writeStartArray();
      for (Fact.Step s : f.steps()) g.writeString(lower(s));
      g.writeEndArray();
    } else if (fact instanceof Fact.CrossPlatform f) {
      g.writeStartArray();
      for (String p : f.platforms()) g.writeString(p);
      g.writeEndArray();
    } else if (fact instanceof Fact.Throttle f) {
      g.writeStartObject();
      g.writeArrayFieldStart("slow");
      for (Fact.SlowFigure s : f.slow()) g.writeString(lower(s));
      g.writeEndArray();
      optional(g, "handshake_ms", f.handshakeMs());
      optional(g, "control_handshake_ms", f.controlHandshakeMs());
      optional(g, "ttfb_ms", f.ttfbMs());
      optional(g, "control_ttfb_ms", f.controlTtfbMs());
      optional(g, "bytes_per_second", f.bytesPerSecond());
      optional(g, "control_bytes_per_second", f.controlBytesPerSecond());
      g.writeNumberField("slow_rounds", f.slowRounds());
      g.writeNumberField("ratio", f.ratio());
      g.writeNumberField("floor_ms", f.floorMs());
      g.writeEndObject();
    } else if (fact instanceof Fact.Replaced f) {
      g.writeString(f.method().wire());
    } else if (fact instanceof Fact.Then f) {
      g.writeString(f.method().wire());
    } else if (fact instanceof Fact.CaptivePortal f) {
      g.writeStartObject();
      g.writeStringField("url", f.url());
      g.writeStringField("title", f.title());
      g.writeNumberField("names", f.names());
      g.writeEndObject();
    } else if (fact instanceof Fact.UnexpectedContent f) {
      g.writeStartObject();
      g.writeStringField("url", f.url());
      g.writeStringField("expected", f.expected());
      g.writeNumberField("status_code", f.statusCode());
      g.writeStringField("title", f.title());
      g.writeEndObject();
    } else if (fact instanceof Fact.TamperedNames f) {
      g.writeStartArray();
      for (Fact.TamperedName t : f.names()) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("method", t.method().wire());
        addresses(g, "addresses", t.addresses());
        g.writeStringField("failure", wire(t.failure()));
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (fact instanceof Fact.Other f) {
      g.writeRawValue(f.json());
    }
  }

  static List<Fact> read(JsonNode facts, int schema, String path) {
    List<Fact> out = new ArrayList<>();
    if (facts == null || facts.isNull()) return out;
    if (!facts.isObject()) throw new RecordFormatException(path + ": not an object");
    Iterator<Map.Entry<String, JsonNode>> it = facts.fields();
    while (it.hasNext()) {
      var e = it.next();
      String p = path + "." + e.getKey();
      out.add(schema < 2 ? new Fact.Other(e.getKey(), e.getValue().toString()) : readOne(e.getKey(), e.getValue(), p));
    }
    return out;
  }

  private static Fact readOne(String key, JsonNode v, String p) {
    try {
      return switch (key) {
        case "host" -> new Fact.Host(v.asText());
        case "answers" -> {
          Map<String, List<IpAddress>> m = new LinkedHashMap<>();
          v.fields().forEachRemaining(e -> m.put(e.getKey(), addressList(e.getValue(), p + "." + e.getKey())));
          yield new Fact.Answers(m);
        }
        case "dns_failures" -> {
          Map<String, FailureType> m = new LinkedHashMap<>();
          v.fields().forEachRemaining(e -> m.put(e.getKey(), FailureType.fromWire(e.getValue().asText())));
          yield new Fact.DnsFailures(m);
        }
        case "bogon_answers" -> new Fact.BogonAnswers(text(v, "resolver"), addressList(v.get("addresses"), p));
        case "blocking_address" -> new Fact.BlockingAddress(text(v, "resolver"), address(v, "address", p),
            text(v, "fingerprint"));
        case "dns_consistency" -> new Fact.DnsConsistency(upper(Fact.Consistency.class, v.asText()));
        case "dns_injection" -> new Fact.DnsInjection(text(v, "resolver"), QueryType.fromWire(text(v, "query_type")),
            addressList(v.get("first"), p), addressList(v.get("late"), p));
        case "connects" -> new Fact.Connects(list(v, p, n -> new Fact.Connect(ipPort(text(n, "address"), p),
            failureType(text(n, "failure")))));
        case "handshakes" -> new Fact.Handshakes(list(v, p, n -> new Fact.Handshake(ipPort(text(n, "address"), p),
            text(n, "server_name"), failureType(text(n, "failure")), failureType(text(n, "validation_failure")))));
        case "sni_swap" -> new Fact.SniSwap(text(v, "address") == null ? null : ipPort(text(v, "address"), p),
            text(v, "server_name"), bool(v, "run"), failureType(text(v, "failure")));
        case "certificate" -> new Fact.Certificate(ipPort(text(v, "address"), p), text(v, "server_name"),
            text(v, "issuer"), text(v, "subject"), failureType(text(v, "validation_failure")), text(v, "fingerprint"));
        case "http" -> new Fact.HttpResponse(text(v, "url"), address(v, "address", p), integer(v, "status_code", 0),
            text(v, "title"), bool(v, "https"), bool(v, "validated"));
        case "http_failure" -> new Fact.HttpFailure(text(v, "url"), address(v, "address", p),
            failureType(text(v, "failure")));
        case "blockpage_fingerprint" -> new Fact.Blockpage(v.asText());
        case "helper" -> new Fact.Remote(text(v, "id"), bool(v, "reachable"), text(v, "reason"),
            upper(Fact.RemoteOutcome.class, text(v, "outcome")),
            v.hasNonNull("status_code") ? v.get("status_code").asInt() : null, addressList(v.get("addresses"), p));
        case "missing" -> new Fact.MissingEvidence(list(v, p, n -> upper(Fact.Missing.class, n.asText())));
        case "retried" -> new Fact.Retried(list(v, p, n -> upper(Fact.Step.class, n.asText())));
        case "cross_platform" -> new Fact.CrossPlatform(list(v, p, JsonNode::asText));
        case "throttle" -> new Fact.Throttle(list(v.get("slow"), p, n -> upper(Fact.SlowFigure.class, n.asText())),
            optionalNumber(v, "handshake_ms"), optionalNumber(v, "control_handshake_ms"), optionalNumber(v, "ttfb_ms"),
            optionalNumber(v, "control_ttfb_ms"), optionalNumber(v, "bytes_per_second"),
            optionalNumber(v, "control_bytes_per_second"), integer(v, "slow_rounds", 0), number(v, "ratio"),
            number(v, "floor_ms"));
        case "endpoint_method" -> new Fact.Replaced(Method.fromWire(v.asText()));
        case "then" -> new Fact.Then(Method.fromWire(v.asText()));
        case "captive_portal" -> new Fact.CaptivePortal(text(v, "url"), text(v, "title"), integer(v, "names", 0));
        case "unexpected_content" -> new Fact.UnexpectedContent(text(v, "url"), text(v, "expected"),
            integer(v, "status_code", 0), text(v, "title"));
        case "tampered_names" -> new Fact.TamperedNames(list(v, p, n -> new Fact.TamperedName(text(n, "name"),
            Method.fromWire(text(n, "method")), addressList(n.get("addresses"), p), failureType(text(n, "failure")))));
        default -> new Fact.Other(key, v.toString());
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new RecordFormatException(p + ": " + e.getMessage(), e);
    }
  }

  private static <T> List<T> list(JsonNode v, String p, java.util.function.Function<JsonNode, T> read) {
    if (v == null || v.isNull()) return List.of();
    if (!v.isArray()) throw new RecordFormatException(p + ": not an array");
    List<T> out = new ArrayList<>();
    for (JsonNode n : v) out.add(read.apply(n));
    return out;
  }

  private static List<IpAddress> addressList(JsonNode v, String p) {
    return list(v, p, n -> address(n.asText(), p));
  }

  private static String wire(FailureType f) {
    return f == null ? null : f.wire();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E upper(Class<E> type, String s) {
    if (s == null) throw new IllegalArgumentException("missing " + type.getSimpleName());
    return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
  }
}
