package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the parts of a measurement record (docs/measurement-format.md) the reporter uses, tolerating gaps. */
public final class RecordFields {
  private RecordFields() {}

  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  public static ProbeInfo probeInfo(String probe, JsonNode record) {
    JsonNode info = record == null ? null : record.get("probe_info");
    if (info == null || !info.isObject()) return ProbeInfo.unknown(probe);
    return new ProbeInfo(probe, BoundedText.of(text(info, "network")), info.path("asn").asLong(0),
        BoundedText.of(text(info, "country")));
  }

  public static ControlState controls(JsonNode record) {
    JsonNode r = record == null ? null : record.get("round");
    if (r == null || !r.isObject()) return null;
    return new ControlState(r.path("controls_total").asInt(0), r.path("controls_ok").asInt(0),
        r.path("domestic_total").asInt(0), r.path("domestic_ok").asInt(0),
        BoundedText.of(text(r, "local_network"), 40));
  }

  /** The platform_verdict object, or null. */
  public static JsonNode platformVerdict(JsonNode record) {
    JsonNode v = record == null ? null : record.get("platform_verdict");
    return v != null && v.isObject() ? v : null;
  }
}
