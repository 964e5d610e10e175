package org.censorprobe.format.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.FailureType;

/** Small helpers shared by the codecs: reading with a path in every error, writing rounded numbers. */
final class Json {
  private Json() {}

  static JsonNode required(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) throw new RecordFormatException(path + "." + field + ": missing");
    return v;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String requiredText(JsonNode n, String field, String path) {
    JsonNode v = required(n, field, path);
    if (!v.isTextual()) throw new RecordFormatException(path + "." + field + ": not a string");
    return v.asText();
  }

  static int integer(JsonNode n, String field, int dflt) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? dflt : v.asInt(dflt);
  }

  static long longValue(JsonNode n, String field, long dflt) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? dflt : v.asLong(dflt);
  }

  static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? 0 : v.asDouble();
  }

  static Double optionalNumber(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }

  static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.asBoolean(false);
  }

  static Instant instant(JsonNode n, String field, String path) {
    String s = text(n, field);
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new RecordFormatException(path + "." + field + ": not an ISO-8601 instant: " + s);
    }
  }

  static IpAddress address(JsonNode n, String field, String path) {
    String s = text(n, field);
    if (s == null) return null;
    return IpAddress.tryParse(s)
        .orElseThrow(() -> new RecordFormatException(path + "." + field + ": not an IP address: " + s));
  }

  static IpAddress address(String s, String path) {
    return IpAddress.tryParse(s).orElseThrow(() -> new RecordFormatException(path + ": not an IP address: " + s));
  }

  static IpPort ipPort(String s, String path) {
    try {
      return IpPort.parse(s);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException(path + ": not ADDRESS:PORT: " + s);
    }
  }

  static FailureType failureType(String s) {
    return s == null ? null : FailureType.fromWire(s);
  }

  static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) for (JsonNode x : v) out.add(x.asText());
    return out;
  }

  static <T> List<T> list(JsonNode n, String field, String path, Function<Item, T> read) {
    List<T> out = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return out;
    if (!v.isArray()) throw new RecordFormatException(path + "." + field + ": not an array");
    int i = 0;
    for (JsonNode x : v) {
      out.add(read.apply(new Item(x, path + "." + field + "[" + i + "]")));
      i++;
    }
    return out;
  }

  /** One array element and where it is, for error messages. */
  record Item(JsonNode node, String path) {}

  static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  static void optional(JsonGenerator g, String field, Double v) throws IOException {
    if (v == null) g.writeNullField(field);
    else g.writeNumberField(field, round1(v));
  }

  static void string(JsonGenerator g, String field, Object v) throws IOException {
    if (v == null) g.writeNullField(field);
    else g.writeStringField(field, v.toString());
  }

  static void addresses(JsonGenerator g, String field, List<IpAddress> addrs) throws IOException {
    g.writeArrayFieldStart(field);
    for (IpAddress a : addrs) g.writeString(a.toString());
    g.writeEndArray();
  }
}
